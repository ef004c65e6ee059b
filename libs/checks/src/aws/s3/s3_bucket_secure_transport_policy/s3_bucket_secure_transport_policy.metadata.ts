import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 's3_bucket_secure_transport_policy',
  title: 'S3 bucket policies deny requests that do not use HTTPS',
  service: 's3',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  description:
    'Checks that every bucket’s policy has a Deny statement refusing, to everyone, object reads and writes made without TLS (`aws:SecureTransport` false).',
  risk: 'Without the deny, clients may read and write the bucket’s objects over plain HTTP, where the data and request signatures can be observed or tampered with in transit.',
  assessment: 'automated',
  rule: {
    apis: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketPolicy'],
    pass: 'The bucket policy has a statement with Effect Deny; Principal `*` (or AWS `*`); an Action (or NotAction) covering both s3:GetObject and s3:PutObject (e.g. `s3:*`); a Resource (or NotResource) covering all the bucket’s objects (`arn:aws:s3:::<bucket>/*`, or a wildcard covering it); and, as its only condition, `Bool` or `BoolIfExists` `aws:SecureTransport` = `false`.',
    fail: 'The bucket has no policy, or no statement of the policy meets all of the above: an Allow-only policy (for example allowing only when `aws:SecureTransport` is true) does not deny HTTP requests, a deny narrowed by other condition keys denies only some of them, and a deny of one action leaves the others open. A policy that cannot be parsed is an ERROR (INVALID_POLICY).',
  },
  remediation: {
    text: 'Add a statement to the bucket policy denying `s3:*` to `*` on the bucket and its objects when `aws:SecureTransport` is false.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\' (merge with the existing statements)',
    cloudformation:
      'AWS::S3::BucketPolicy with a statement {Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, "<bucket ARN>/*"], Condition: {Bool: {"aws:SecureTransport": "false"}}}',
    terraform:
      'resource "aws_s3_bucket_policy" with a Deny statement on "s3:*" for principal "*", condition Bool aws:SecureTransport = false',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit',
  },
  categories: ['data-protection', 'encryption'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.1.1'] },
  requires: ['s3.buckets'],
};
