// What a resolved role chain hands to the code that calls AWS. Holds a credential provider,
// never a credential value: nothing here is safe or meant to be logged, persisted or sent.
import { type AwsCredentialIdentityProvider } from '@smithy/types';
import { type Partition } from './partition';

/**
 * A credential provider that refreshes itself before expiry (its identities carry
 * `expiration`) and can be told that AWS rejected its credentials as expired.
 *
 * `memoized: true` tells the SDK not to wrap it in its own cache: the chain's cache is the
 * only one, so `invalidate` takes effect on the very next request.
 */
export type RefreshingCredentials = AwsCredentialIdentityProvider & {
  readonly memoized: true;
  /** Drops cached credentials obtained at or before `staleSince` (epoch ms; default: all). */
  invalidate(staleSince?: number): void;
};

export interface SourceIdentityFallback {
  roleArn: string;
  /** STS's refusal (an AccessDenied message; holds no secret). */
  message: string;
}

export interface AwsSession {
  readonly tenantId: string | undefined;
  /** The account the credentials act in. */
  readonly accountId: string;
  /** From the caller identity ARN: `aws`, `aws-us-gov`, `aws-cn`, ... */
  readonly partition: Partition;
  /** The caller identity ARN (`arn:<partition>:sts::<account>:assumed-role/<role>/<session>`). */
  readonly identityArn: string;
  /** The region of the STS endpoint the chain used. */
  readonly stsRegion: string;
  readonly sourceIdentityRequested: boolean;
  /** True only when a SourceIdentity was requested and every hop accepted it (last refresh). */
  readonly sourceIdentityUsed: boolean;
  /** Hops whose trust refused SourceIdentity and were assumed without it (last refresh). */
  readonly sourceIdentityFallbacks: readonly SourceIdentityFallback[];
  readonly credentials: RefreshingCredentials;
}
