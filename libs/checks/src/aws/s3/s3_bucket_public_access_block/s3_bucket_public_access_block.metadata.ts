import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 's3_bucket_public_access_block',
  title: 'S3 Block Public Access is enabled for every bucket (account or bucket level)',
  service: 's3',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  description:
    'Checks that every bucket is covered by S3 Block Public Access with all four settings on, either by the account-level block or by the bucket’s own block.',
  risk: 'Without Block Public Access, one permissive bucket policy or ACL exposes the bucket’s objects to the internet.',
  assessment: 'automated',
  rule: {
    apis: [
      's3:GetAccountPublicAccessBlock',
      's3:ListAllMyBuckets',
      's3:GetBucketPublicAccessBlock',
    ],
    pass: 'The account-level block has BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets all true, or the bucket’s own block has all four true.',
    fail: 'Neither the account-level block nor the bucket’s block has all four settings true; the evidence lists which are off.',
  },
  remediation: {
    text: 'Turn on all four Block Public Access settings for the account (preferred) or for each bucket.',
    cli: 'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    cloudformation:
      'AWS::S3::Bucket PublicAccessBlockConfiguration: {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}',
    terraform: 'resource "aws_s3_account_public_access_block" with all four arguments true',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  categories: ['data-protection', 'internet-exposed'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.1.4'] },
  requires: ['s3.accountPublicAccessBlock', 's3.buckets'],
};
