import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { ownTrailsHomedIn } from '../trail-coverage';
import { metadata } from './cloudtrail_kms_encryption_enabled.metadata';

export const cloudtrailKmsEncryptionEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const trails = collected.regional('cloudtrail.trails', ctx.region);
  if (!trails.ok) return [];
  const here = where(ctx);
  return ownTrailsHomedIn(trails.data, ctx).map((t) =>
    t.kmsKeyId === undefined
      ? results.fail(t.arn, `Trail ${t.name} ${here} does not encrypt its logs with a KMS key`, {
          s3Bucket: t.s3BucketName,
        })
      : results.pass(
          t.arn,
          `Trail ${t.name} ${here} encrypts its logs with KMS key ${t.kmsKeyId}`,
          {
            kmsKeyId: t.kmsKeyId,
          },
        ),
  );
});
