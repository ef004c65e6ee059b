import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'kms_cmk_rotation_enabled',
  title: 'Automatic rotation is enabled for customer-managed symmetric KMS keys',
  service: 'kms',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsKmsKey',
  description:
    'Checks that every enabled customer-managed symmetric encryption KMS key has automatic key rotation turned on.',
  risk: 'Key material that never rotates protects ever more data, so one exposure of it reveals everything encrypted under the key since its creation.',
  assessment: 'automated',
  rule: {
    apis: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus'],
    pass: 'The key (KeyManager CUSTOMER, KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, KeyState Enabled, origin AWS_KMS) has GetKeyRotationStatus KeyRotationEnabled true — or rotation is off and the tenant set kms.rotationRequired to false, which the message says.',
    fail: 'The key has automatic rotation off (with kms.rotationRequired true, the default).',
    manual:
      'Keys with imported key material (origin EXTERNAL) or in a custom key store (AWS_CLOUDHSM, EXTERNAL_KEY_STORE) cannot rotate automatically: they are MANUAL, and a person confirms they are rotated by hand (new key material, or a new key and alias). AWS-managed keys, asymmetric and HMAC keys, and keys that are disabled or pending deletion are not evaluated.',
    settings: ['kms.rotationRequired'],
  },
  remediation: {
    text: 'Turn on automatic rotation for the key (yearly by default; a period of 90 to 2560 days can be set).',
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
    cloudformation: 'AWS::KMS::Key EnableKeyRotation: true',
    terraform: 'resource "aws_kms_key" enable_key_rotation = true',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  },
  categories: ['encryption'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.6'] },
  requires: ['kms.keys'],
};
