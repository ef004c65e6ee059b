// Collected data of KMS, per account × region.
import { type Outcome } from '../framework/outcome';

export interface KmsKey {
  keyId: string;
  arn: string;
  /** CUSTOMER or AWS. */
  keyManager: string;
  /** Enabled | Disabled | PendingDeletion | PendingImport | ... */
  keyState: string;
  /** SYMMETRIC_DEFAULT for symmetric keys. */
  keySpec: string;
  /** ENCRYPT_DECRYPT | SIGN_VERIFY | GENERATE_VERIFY_MAC | ... */
  keyUsage: string;
  /** AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE */
  origin: string;
  /** `GetKeyRotationStatus` (read only for customer-managed symmetric keys; else `null`). */
  rotationEnabled: Outcome<boolean> | null;
  /** The `default` key policy (JSON text). */
  policy: Outcome<string>;
  /**
   * Set when `DescribeKey` failed (often a key policy that does not trust the account): then
   * keyManager, keyState, keySpec, keyUsage and origin are `UNKNOWN` and rotationEnabled is
   * this same error.
   */
  describeError?: { code: string; message: string };
}

export interface KmsRegional {
  'kms.keys': KmsKey[];
}
