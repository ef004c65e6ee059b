import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 's3_bucket_policy_no_public_principal',
  title: 'S3 bucket policies do not allow unrestricted access to anyone (Principal *)',
  service: 's3',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  description:
    'Checks every S3 bucket’s policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources.',
  risk: 'Anyone — with or without an AWS account — can read, write or delete the bucket’s objects, or change the bucket, depending on the actions granted (unless Block Public Access happens to override the policy).',
  assessment: 'automated',
  rule: {
    apis: ['s3:ListAllMyBuckets', 's3:GetBucketPolicy'],
    pass: 'The bucket has no policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceVpce, aws:SourceArn, aws:PrincipalOrgID, aws:SourceIp other than /0 with a positive operator). The policy itself is judged; Block Public Access is checked by s3_bucket_public_access_block.',
    fail: 'The bucket policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements and the bucket’s region.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the bucket policy with the accounts or roles that need access, or add a restricting condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn); keep Block Public Access on.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json (or aws s3api delete-bucket-policy --bucket <bucket>)',
    cloudformation:
      'AWS::S3::BucketPolicy PolicyDocument with named principals or a restricting condition (aws:SourceVpce, aws:PrincipalOrgID)',
    terraform:
      'resource "aws_s3_bucket_policy" whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
  },
  categories: ['internet-exposed', 'resource-policy', 'data-protection'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['s3.buckets'],
};
