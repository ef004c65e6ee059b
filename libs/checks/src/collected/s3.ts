// Collected data of S3 (global: one bucket listing per account; each bucket's settings are
// read in the bucket's own region). Read by the S3 checks, CloudTrail's bucket check, the
// resource-policy checks and the management-account inventory.
import { type Outcome } from '../framework/outcome';

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface S3BucketDetails {
  name: string;
  arn: string;
  /**
   * The bucket's region (`GetBucketLocation`, `us-east-1` for an empty constraint), or
   * `unknown` when the location could not be read (every setting is then that error).
   */
  region: string;
  creationDate?: string;
  /** The bucket policy document (JSON text), or null when the bucket has none. */
  policy: Outcome<string | null>;
  /** The bucket's own block public access settings, or null when none are set. */
  publicAccessBlock: Outcome<PublicAccessBlock | null>;
  versioning: Outcome<{ status: 'Enabled' | 'Suspended' | 'Off'; mfaDelete: boolean }>;
  /** Server access logging target, or null when logging is off. */
  logging: Outcome<{ targetBucket: string; targetPrefix: string } | null>;
  tags: Outcome<Record<string, string>>;
}

export interface S3Global {
  /** Every bucket of the account with its settings. */
  's3.buckets': S3BucketDetails[];
  /** The account-level block public access (S3 Control), or null when none is set. */
  's3.accountPublicAccessBlock': PublicAccessBlock | null;
}

/** The keys of S3Global (the compiler keeps this list complete). */
export const S3_GLOBAL_KEYS: Readonly<Record<keyof S3Global, true>> = {
  's3.buckets': true,
  's3.accountPublicAccessBlock': true,
};
