import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { type PublicAccessBlock } from '../../../collected/s3';
import { metadata } from './s3_bucket_public_access_block.metadata';

const SETTINGS = [
  'blockPublicAcls',
  'ignorePublicAcls',
  'blockPublicPolicy',
  'restrictPublicBuckets',
] as const;

function settingsOff(block: PublicAccessBlock | null): string[] {
  return block === null ? [...SETTINGS] : SETTINGS.filter((s) => !block[s]);
}

export const s3BucketPublicAccessBlock = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const account = collected.global('s3.accountPublicAccessBlock');
  const buckets = collected.global('s3.buckets');
  if (!account.ok || !buckets.ok) return [];
  const accountOff = settingsOff(account.data);
  return buckets.data.map((bucket) => {
    const region = { bucketRegion: bucket.region };
    if (accountOff.length === 0) {
      return results.pass(
        bucket.arn,
        `Bucket ${bucket.name} is covered by the account-level Block Public Access of account ${ctx.accountId}`,
        { accountLevel: 'all on', ...region },
      );
    }
    if (!bucket.publicAccessBlock.ok) {
      return results.errorOf(
        bucket.arn,
        bucket.publicAccessBlock,
        `the Block Public Access of bucket ${bucket.name}`,
        region,
      );
    }
    const bucketOff = settingsOff(bucket.publicAccessBlock.data);
    return bucketOff.length === 0
      ? results.pass(
          bucket.arn,
          `Bucket ${bucket.name} has all four Block Public Access settings on`,
          { accountLevelOff: accountOff, ...region },
        )
      : results.fail(
          bucket.arn,
          `Bucket ${bucket.name} in ${bucket.region} is not covered by Block Public Access: ${bucketOff.join(', ')} off for the bucket and ${accountOff.join(', ')} off for account ${ctx.accountId}`,
          { accountLevelOff: accountOff, bucketLevelOff: bucketOff, ...region },
        );
  });
});
