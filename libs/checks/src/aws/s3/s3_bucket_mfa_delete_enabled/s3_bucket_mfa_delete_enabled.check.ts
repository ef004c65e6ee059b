import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './s3_bucket_mfa_delete_enabled.metadata';

export const s3BucketMfaDeleteEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const buckets = collected.global('s3.buckets');
  if (!buckets.ok) return [];
  return buckets.data.map((bucket) => {
    const region = { bucketRegion: bucket.region };
    if (!bucket.versioning.ok) {
      return results.errorOf(
        bucket.arn,
        bucket.versioning,
        `the versioning of bucket ${bucket.name}`,
        region,
      );
    }
    const { status, mfaDelete } = bucket.versioning.data;
    const evidence = { ...region, versioning: status, mfaDelete };
    return mfaDelete
      ? results.pass(
          bucket.arn,
          `Bucket ${bucket.name} in ${bucket.region} has MFA Delete enabled (versioning ${status})`,
          evidence,
        )
      : results.fail(
          bucket.arn,
          `Bucket ${bucket.name} in ${bucket.region} of account ${ctx.accountId} does not have MFA Delete enabled (versioning ${status})`,
          evidence,
        );
  });
});
