// Runtime failures as the one line a newcomer needs: what went wrong and what to do about it.
import {
  AssumeRoleFailedError,
  AwsAccessError,
  accountOfArn,
  classifyAwsError,
  type ClassifiedAwsError,
} from '@palisade/aws';
import { oneLine, truncate } from './text';

export const EXIT_CODES = {
  ok: 0,
  /** An open failure met `--fail-on`. */
  failOn: 1,
  usage: 2,
  runtime: 3,
} as const;

/**
 * A failure the CLI explains itself: `message` says what went wrong, `hint` what to do. Printed
 * as `palisade: <message> — <hint>`; the exit code is 3.
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The credential chain found nothing. */
export class NoCredentialsError extends CliError {
  override readonly name = 'NoCredentialsError';
  constructor(options?: { readonly cause?: unknown }) {
    super(
      'NO_CREDENTIALS',
      'no AWS credentials found',
      'set AWS_PROFILE or run `aws configure` (or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
      options,
    );
  }
}

export interface RoleNotAssumableDetails {
  readonly roleArn: string;
  /** AWS's error code, e.g. `AccessDenied`. */
  readonly awsCode: string;
  /** Who tried to assume it, when known (AWS names it in the denial). */
  readonly callerArn?: string;
  /** Whether an external id was sent: the role's trust may require another one. */
  readonly withExternalId?: boolean;
  readonly cause?: unknown;
}

/** A role of the scan (management or member) refused to be assumed. */
export class RoleNotAssumableError extends CliError {
  override readonly name = 'RoleNotAssumableError';
  readonly roleArn: string;
  constructor(details: RoleNotAssumableDetails) {
    const account = accountOfArn(details.roleArn);
    const where = account === undefined ? '' : ` in ${account}`;
    const who = details.callerArn ?? 'your credentials';
    const externalId = details.withExternalId === true ? ' with this external id' : '';
    super(
      'ROLE_NOT_ASSUMABLE',
      `cannot assume role ${details.roleArn}${where}: ${details.awsCode}`,
      `is the role deployed there, and does its trust policy allow ${who}${externalId}?`,
      { cause: details.cause },
    );
    this.roleArn = details.roleArn;
  }
}

export interface FormatCliErrorContext {
  /** Whether the scan sent an external id (`--external-id`): it may be the one refused. */
  readonly withExternalId?: boolean;
}

/** Longest a message from elsewhere (AWS, Postgres, Node) may take of the line. */
const MAX_MESSAGE = 400;

/** The line to print on stderr for a runtime error: `palisade: …`, newline-terminated. */
export function formatCliError(error: unknown, context: FormatCliErrorContext = {}): string {
  const known = explain(error, context);
  const text = known.hint === undefined ? known.message : `${known.message} — ${known.hint}`;
  return `palisade: ${redactUrlPasswords(oneLine(text))}\n`;
}

interface Explanation {
  readonly message: string;
  readonly hint?: string;
}

function explain(error: unknown, context: FormatCliErrorContext): Explanation {
  if (error instanceof CliError) return withHint(error.message, error.hint);
  if (causes(error).some(isNoCredentials)) return explain(new NoCredentialsError(), context);
  const sso = causes(error).find((e) => SSO_EXPIRED.test(messageOf(e)));
  if (sso !== undefined) {
    return {
      message: 'the AWS SSO session has expired',
      hint: 'run `aws sso login` (with --profile if you use one) and try again',
    };
  }
  if (error instanceof AssumeRoleFailedError) return explainAssumeRole(error, context);
  if (error instanceof AwsAccessError || isAwsSdkError(error)) {
    return explainAws(classifyAwsError(error), context);
  }
  return explainSystem(error) ?? { message: clip(messageOf(error)) };
}

function withHint(message: string, hint: string | undefined): Explanation {
  return hint === undefined ? { message } : { message, hint };
}

function explainAssumeRole(
  error: AssumeRoleFailedError,
  context: FormatCliErrorContext,
): Explanation {
  const classified = classifyAwsError(error);
  if (classified.code === 'ASSUME_ROLE_DENIED' || classified.code === 'ACCESS_DENIED') {
    return roleDenied(error.roleArn, classified, context);
  }
  const inner = explainAws(classifyAwsError(error.cause), context);
  if (inner.hint !== undefined) return inner;
  return { message: `cannot assume role ${error.roleArn}: ${inner.message}` };
}

function roleDenied(
  roleArn: string,
  classified: ClassifiedAwsError,
  context: FormatCliErrorContext,
): Explanation {
  const error = new RoleNotAssumableError({
    roleArn,
    awsCode: classified.awsCode ?? 'AccessDenied',
    ...callerIn(classified.message),
    ...(context.withExternalId === undefined ? {} : { withExternalId: context.withExternalId }),
  });
  return withHint(error.message, error.hint);
}

function explainAws(classified: ClassifiedAwsError, context: FormatCliErrorContext): Explanation {
  const code = classified.awsCode ?? classified.code;
  switch (classified.code) {
    case 'CREDENTIALS_EXPIRED':
      return {
        message: `the AWS credentials have expired (${code})`,
        hint: 'refresh them (`aws sso login`, or new keys) and try again',
      };
    case 'INVALID_TOKEN_IN_REGION':
      return {
        message: `AWS does not accept these credentials (${code})`,
        hint: 'check AWS_PROFILE or the access key in use, and that the region is enabled',
      };
    case 'NETWORK_ERROR':
      return {
        message: `cannot reach AWS (${clip(classified.message)})`,
        hint: 'check the network, the proxy or AWS_ENDPOINT_URL',
      };
    case 'ASSUME_ROLE_DENIED': {
      const roleArn = /on resource: (arn:\S+)/.exec(classified.message)?.[1];
      if (roleArn !== undefined) return roleDenied(roleArn, classified, context);
      break;
    }
    default:
      break;
  }
  if (code === 'AWSOrganizationsNotInUseException') {
    return {
      message: 'this account is not in an AWS Organization',
      hint: 'scan listed accounts with --accounts instead of --org',
    };
  }
  if (classified.code === 'ACCESS_DENIED' && /\borganizations:/.test(classified.message)) {
    return {
      message: `cannot read the organization: ${code}`,
      hint: 'run with the management account’s or a delegated administrator’s credentials, or pass --management-role-arn',
    };
  }
  return { message: `${code}: ${clip(classified.message)}` };
}

/** Node's and Postgres's failures the CLI's own options can fix. */
function explainSystem(error: unknown): Explanation | undefined {
  const e = shapeOf(error);
  const port = typeof e.port === 'number' ? e.port : undefined;
  if (e.code === 'EADDRINUSE' && port !== undefined) {
    return {
      message: `port ${port} is already in use`,
      hint: 'pass --port with another one (--port 0 picks a free port)',
    };
  }
  if (e.code === 'EACCES' && e.syscall === 'listen' && port !== undefined) {
    return {
      message: `not allowed to listen on port ${port}`,
      hint: 'pass --port with a port above 1023',
    };
  }
  if (e.code === 'ECONNREFUSED' && typeof e.address === 'string' && port !== undefined) {
    return {
      message: `cannot connect to ${e.address}:${port} (connection refused)`,
      hint: 'is that server running?',
    };
  }
  if (e.code === '28P01' || e.code === '28000') {
    return {
      message: `the database refused the login (${clip(messageOf(error))})`,
      hint: 'check the user and password of --database-url',
    };
  }
  if (e.code === '3D000') {
    return {
      message: clip(messageOf(error)),
      hint: 'create the database, or fix its name in --database-url',
    };
  }
  return undefined;
}

const SSO_EXPIRED = /\bSSO session\b.*\b(expired|invalid)\b/i;

function isNoCredentials(error: unknown): boolean {
  const e = shapeOf(error);
  return (
    e.name === 'CredentialsProviderError' &&
    /could not load credentials|unable to find .*credentials/i.test(messageOf(error))
  );
}

/** Whether the error came from an AWS SDK call (they carry `$metadata`). */
function isAwsSdkError(error: unknown): boolean {
  return typeof shapeOf(error).$metadata === 'object';
}

/** `User: arn:… is not authorized to perform: sts:AssumeRole …` names the caller. */
function callerIn(message: string): { callerArn?: string } {
  const callerArn = /\bUser: (arn:\S+) is not authorized\b/.exec(message)?.[1];
  return callerArn === undefined ? {} : { callerArn };
}

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly port?: unknown;
  readonly address?: unknown;
  readonly syscall?: unknown;
  readonly $metadata?: unknown;
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

function messageOf(error: unknown): string {
  const message = shapeOf(error).message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/** The error and its causes, outermost first (at most 10: a cycle must not hang the exit). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10; e = shapeOf(e).cause) {
    chain.push(e);
  }
  return chain;
}

function clip(message: string): string {
  return truncate(oneLine(message), MAX_MESSAGE);
}

/** `postgres://user:secret@host` → `postgres://user:***@host`: a URL may carry a password. */
function redactUrlPasswords(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, '$1:***@');
}
