import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_ebs_default_encryption_enabled',
  title: 'EBS encryption by default is enabled in every region',
  service: 'ec2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2EbsEncryptionByDefault',
  description:
    'Checks, in every scanned region, that EBS encryption by default is on, so every new volume and snapshot copy is encrypted at rest. The benchmark asks for all regions: a scan of all enabled regions (the default) covers it; regions not enabled for the account are listed in the evidence and never failed.',
  risk: 'Without encryption by default, one launch or template that forgets the encrypted flag stores data unencrypted, and unencrypted snapshots can be shared or copied without a key.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:GetEbsEncryptionByDefault', 'ec2:GetEbsDefaultKmsKeyId'],
    pass: 'GetEbsEncryptionByDefault answers true in the region (the default KMS key, when readable, is in the evidence).',
    fail: 'GetEbsEncryptionByDefault answers false in the region.',
  },
  remediation: {
    text: 'Turn on EBS encryption by default in every region, optionally with a customer managed KMS key as the default key.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
    cloudformation:
      'No native resource: use the CLI or AWS Config remediation (EC2 EncryptedVolumes) per region',
    terraform:
      'resource "aws_ebs_encryption_by_default" "this" { enabled = true } (one per region provider)',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  },
  categories: ['data-protection', 'encryption'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.1.1'] },
  requires: ['ec2.ebsEncryptionByDefault'],
};
