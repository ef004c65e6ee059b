import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './s3_bucket_policy_no_public_principal.metadata';

export const s3BucketPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const buckets = collected.global('s3.buckets');
  if (!buckets.ok) return [];
  return buckets.data.map((bucket) => {
    const evidence = { bucketRegion: bucket.region };
    const here = `in ${bucket.region} of account ${ctx.accountId}`;
    const what = `the bucket policy of bucket ${bucket.name} ${here}`;
    if (!bucket.policy.ok) return results.errorOf(bucket.arn, bucket.policy, what, evidence);
    if (bucket.policy.data === null) {
      return results.pass(
        bucket.arn,
        `Bucket ${bucket.name} ${here} has no bucket policy`,
        evidence,
      );
    }
    const policy = readPolicy(bucket.policy.data);
    if (!policy.ok) return results.errorOf(bucket.arn, policy, what, evidence);
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        bucket.arn,
        `Bucket ${bucket.name} ${here} has a bucket policy that allows no one unrestricted access (Principal *)`,
        evidence,
      );
    }
    return results.fail(
      bucket.arn,
      `Bucket ${bucket.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { ...evidence, publicStatements: statementEvidence(open) },
    );
  });
});
