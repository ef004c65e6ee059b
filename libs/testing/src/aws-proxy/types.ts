// Public types of the AWS fault-injecting proxy (docs: /work/shared/design/real-dependencies.md).

/** How a service's requests and errors are encoded on the wire. */
export type AwsProtocol = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

/** Moto's account for credentials it does not know (its `DEFAULT_ACCOUNT_ID`). */
export const MOTO_DEFAULT_ACCOUNT = '123456789012';

/** The parameters of an `sts:AssumeRole` call, as the proxy saw them (never the credentials). */
export interface AssumeRoleDetails {
  roleArn: string;
  externalId?: string;
  sourceIdentity?: string;
  roleSessionName?: string;
  durationSeconds?: number;
}

/** One AWS API call that reached the proxy. Holds no secret key and no session token. */
export interface ProxyLogEntry {
  /** ISO-8601 time the request arrived. */
  time: string;
  /** The account the call acts in (moto routes it there by access key). */
  account: string;
  /** The SigV4 signing name, e.g. `sts`, `organizations`, `inspector2`, `s3`; `unknown` if unsigned. */
  service: string;
  operation: string;
  region: string;
  /** HTTP status the client received. */
  status: number;
  accessKeyId: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The rule kind that answered instead of moto (or rewrote the exchange), if any. */
  injected?: ProxyRuleKind;
  assumeRole?: AssumeRoleDetails;
}

/** A value a rule compares against: exact string, any of several strings, or a pattern. */
export type Matcher = string | readonly string[] | RegExp;

/** Which calls a rule applies to. Every given field must match; an absent field matches all. */
export interface RuleMatch {
  account?: Matcher;
  service?: Matcher;
  operation?: Matcher;
  region?: Matcher;
  /**
   * For `sts:AssumeRole`, the role asked for; for any other call, the role whose
   * credentials signed it (known once the proxy saw the AssumeRole that issued them).
   */
  roleArn?: Matcher;
}

interface RuleBase extends RuleMatch {
  /** Share of matching calls the rule applies to (0..1, default 1); drawn from a seeded PRNG. */
  probability?: number;
  /** Apply at most this many times, then stop (default: unlimited). */
  times?: number;
  /** Seed of this rule's PRNG (default: the proxy's seed). */
  seed?: number;
}

export type ProxyRule =
  /** `AccessDenied` (query, S3), `AccessDeniedException` (JSON), `UnauthorizedOperation` (EC2). */
  | (RuleBase & { kind: 'accessDenied'; message?: string })
  /** As `accessDenied`, with "... with an explicit deny in a service control policy". */
  | (RuleBase & { kind: 'scpDeny' })
  /**
   * The region is not enabled for the account: EC2 `OptInRequired`; JSON services
   * `UnrecognizedClientException`; query services `InvalidClientTokenId` (override with `code`).
   */
  | (RuleBase & { kind: 'regionNotEnabled'; code?: 'OptInRequired' | 'InvalidToken' })
  /**
   * STS `AccessDenied` for AssumeRole. With `expectedExternalId`, only calls whose ExternalId
   * differs are refused (a trust policy with an `sts:ExternalId` condition).
   */
  | (RuleBase & { kind: 'assumeRoleRefused'; expectedExternalId?: string })
  /** Throttling error with `Retry-After` (HTTP 429 by default, or 503). */
  | (RuleBase & { kind: 'throttle'; status?: 429 | 503; retryAfterSeconds?: number })
  /** Organizations' HTTP 400 `TooManyRequestsException` (applies to organizations calls only). */
  | (RuleBase & { kind: 'orgsTooManyRequests' })
  /**
   * Answer a paginated JSON call with an empty page that carries a token; the call carrying
   * that token is then forwarded as the original request. Keys default from a table
   * (Organizations List* calls: `Accounts`, `Children`, ... with `NextToken`).
   */
  | (RuleBase & { kind: 'emptyPageWithToken'; listKey?: string; tokenKey?: string })
  /** Page Inspector2 `ListFindings` (moto returns everything, with no nextToken). */
  | (RuleBase & { kind: 'inspectorPaging'; pageSize: number });

export type ProxyRuleKind = ProxyRule['kind'];

/** What the proxy knows about a request before deciding how to answer it. */
export interface RequestIdentity {
  service: string;
  operation: string;
  region: string;
  accessKeyId: string;
  account: string;
  protocol: AwsProtocol;
  /** The role whose credentials signed the request, when the proxy saw them issued. */
  callerRoleArn?: string;
  callerSessionName?: string;
  assumeRole?: AssumeRoleDetails;
}
