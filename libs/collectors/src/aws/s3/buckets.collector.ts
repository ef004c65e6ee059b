// Every bucket of the account with the settings the S3 checks read. The listing is global; each
// bucket's settings are read with a client in the bucket's own region, one Outcome per setting
// (one unreadable setting makes one ERROR result, not a failed collector).
import {
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type Bucket,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { type PublicAccessBlock, type S3BucketDetails, failed } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

/** The region of an empty location constraint: the partition's first region. */
const CLASSIC_REGION: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-cn': 'cn-north-1',
};

/** `GetBucketLocation`'s constraint as a region: empty is the classic region, `EU` is eu-west-1. */
export function regionOfConstraint(
  constraint: string | undefined | null,
  partition: string,
  fallback: string,
): string {
  if (constraint === undefined || constraint === null || constraint === '') {
    return CLASSIC_REGION[partition] ?? fallback;
  }
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

async function bucketDetails(
  ctx: CollectorContext,
  listed: Bucket & { Name: string },
): Promise<S3BucketDetails> {
  const name = listed.Name;
  const arn = `arn:${ctx.partition}:s3:::${name}`;
  const creationDate =
    listed.CreationDate === undefined ? {} : { creationDate: listed.CreationDate.toISOString() };
  const location = await ctx.attempt(() =>
    ctx.client(S3Client, 's3').send(new GetBucketLocationCommand({ Bucket: name })),
  );
  if (!location.ok) {
    // Without its region no setting can be read: each says why.
    const unknown = failed(
      location.code,
      `the location of bucket ${name} could not be read: ${location.message}`,
    );
    return {
      name,
      arn,
      region: 'unknown',
      ...creationDate,
      policy: unknown,
      publicAccessBlock: unknown,
      versioning: unknown,
      logging: unknown,
      tags: unknown,
    };
  }
  const region = regionOfConstraint(location.data.LocationConstraint, ctx.partition, ctx.region);
  const s3 = ctx.client(S3Client, 's3', region);
  const [policy, publicAccessBlock, versioning, logging, tags] = await Promise.all([
    ctx.attempt(
      async () => (await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? null,
      { codes: ['NoSuchBucketPolicy'], value: null },
    ),
    ctx.attempt(
      async (): Promise<PublicAccessBlock> => {
        const out = await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }));
        const c = out.PublicAccessBlockConfiguration ?? {};
        return {
          blockPublicAcls: c.BlockPublicAcls === true,
          ignorePublicAcls: c.IgnorePublicAcls === true,
          blockPublicPolicy: c.BlockPublicPolicy === true,
          restrictPublicBuckets: c.RestrictPublicBuckets === true,
        };
      },
      { codes: ['NoSuchPublicAccessBlockConfiguration'], value: null },
    ),
    ctx.attempt(async () => {
      const out = await s3.send(new GetBucketVersioningCommand({ Bucket: name }));
      const status: 'Enabled' | 'Suspended' | 'Off' =
        out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Off';
      return { status, mfaDelete: out.MFADelete === 'Enabled' };
    }),
    ctx.attempt(async () => {
      const out = await s3.send(new GetBucketLoggingCommand({ Bucket: name }));
      const target = out.LoggingEnabled;
      if (target?.TargetBucket === undefined) return null;
      return { targetBucket: target.TargetBucket, targetPrefix: target.TargetPrefix ?? '' };
    }),
    ctx.attempt(
      async () => {
        const out = await s3.send(new GetBucketTaggingCommand({ Bucket: name }));
        const tagged: Record<string, string> = {};
        for (const tag of out.TagSet ?? []) {
          if (tag.Key !== undefined) tagged[tag.Key] = tag.Value ?? '';
        }
        return tagged;
      },
      { codes: ['NoSuchTagSet'], value: {} },
    ),
  ]);
  return {
    name,
    arn,
    region,
    ...creationDate,
    policy,
    publicAccessBlock,
    versioning,
    logging,
    tags,
  };
}

export const bucketsCollector = defineCollector({
  key: 's3.buckets',
  scope: 'global',
  operations: [
    's3:ListBuckets',
    's3:GetBucketLocation',
    's3:GetBucketPolicy',
    's3:GetPublicAccessBlock',
    's3:GetBucketVersioning',
    's3:GetBucketLogging',
    's3:GetBucketTagging',
  ],
  async collect(ctx) {
    const listed: (Bucket & { Name: string })[] = [];
    const pages = paginateListBuckets({ client: ctx.client(S3Client, 's3') }, {});
    for await (const page of pages) {
      for (const bucket of page.Buckets ?? []) {
        if (bucket.Name !== undefined) listed.push({ ...bucket, Name: bucket.Name });
      }
    }
    return ctx.mapBounded(listed, (bucket) => bucketDetails(ctx, bucket));
  },
});
