import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 's3_bucket_mfa_delete_enabled',
  title: 'S3 buckets have MFA Delete enabled',
  service: 's3',
  scope: 'account',
  severity: 'low',
  resourceType: 'AwsS3Bucket',
  description:
    'Checks that every bucket has MFA Delete enabled in its versioning configuration, so that deleting an object version or changing the bucket’s versioning state needs the root user’s MFA code. CIS marks this requirement Manual; `GetBucketVersioning` decides it, so Palisade automates it.',
  risk: 'Without MFA Delete, credentials that can delete object versions or suspend versioning (stolen keys, a compromised role) can destroy the bucket’s data and its history without a second factor.',
  assessment: 'automated',
  rule: {
    apis: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketVersioning'],
    pass: '`GetBucketVersioning` returns `MFADelete` = `Enabled` (versioning is then Enabled or Suspended).',
    fail: '`MFADelete` is absent or `Disabled`; the evidence gives the versioning status. Only the root user, with its MFA device, can enable MFA Delete (through the API or CLI; not the console), so a FAIL is fixed by the account owner.',
  },
  remediation: {
    text: 'Signed in as the root user with its MFA device, enable versioning with MFA Delete on the bucket (the console cannot do it).',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<account>:mfa/root-account-mfa-device <code>" (with root credentials)',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
  },
  categories: ['data-protection', 'resilience'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.1.2'] },
  requires: ['s3.buckets'],
};
