import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { ownTrailsHomedIn } from '../trail-coverage';
import { metadata } from './cloudtrail_bucket_access_logging_enabled.metadata';

export const cloudtrailBucketAccessLoggingEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const trails = collected.regional('cloudtrail.trails', ctx.region);
  const buckets = collected.global('s3.buckets');
  if (!trails.ok || !buckets.ok) return [];
  const byName = new Map(buckets.data.map((b) => [b.name, b]));
  const here = where(ctx);
  return ownTrailsHomedIn(trails.data, ctx).map((t) => {
    const name = t.s3BucketName;
    if (name === undefined) {
      return results.fail(t.arn, `Trail ${t.name} ${here} delivers to no S3 bucket`);
    }
    const bucket = byName.get(name);
    if (bucket === undefined) {
      return results.manual(
        t.arn,
        `Trail ${t.name} ${here} delivers to bucket ${name}, which is not a bucket of account ${ctx.accountId}: check its server access logging in the account that owns it`,
        { bucket: name, reason: 'bucket in another account' },
      );
    }
    const evidence = { bucket: name, bucketRegion: bucket.region };
    if (!bucket.logging.ok) {
      return results.errorOf(
        t.arn,
        bucket.logging,
        `the server access logging of bucket ${name}`,
        evidence,
      );
    }
    const target = bucket.logging.data;
    return target === null
      ? results.fail(
          t.arn,
          `Trail ${t.name} ${here} delivers to bucket ${name}, which has no server access logging`,
          evidence,
        )
      : results.pass(
          t.arn,
          `Trail ${t.name} ${here} delivers to bucket ${name}, which logs its access to ${target.targetBucket}`,
          { ...evidence, targetBucket: target.targetBucket, targetPrefix: target.targetPrefix },
        );
  });
});
