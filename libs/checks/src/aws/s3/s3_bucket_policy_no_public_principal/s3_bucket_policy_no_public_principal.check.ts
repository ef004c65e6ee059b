import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './s3_bucket_policy_no_public_principal.metadata';

export const s3BucketPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'bucket',
    policyName: 'bucket policy',
    list: (collected) => collected.global('s3.buckets'),
    read: (bucket) => ({
      arn: bucket.arn,
      name: bucket.name,
      policy: bucket.policy,
      region: bucket.region,
      evidence: { bucketRegion: bucket.region },
    }),
  }),
);
