// AWS partitions: read from the caller's identity ARN, never assumed to be `aws`.

/** The partitions Palisade knows how to address (the first segment after `arn:`). */
export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;
export type Partition = (typeof PARTITIONS)[number];

const ARN = /^arn:([a-z-]+):([a-z0-9-]*):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

export function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

/**
 * The partition of an ARN, e.g. `arn:aws-us-gov:sts::123456789012:assumed-role/r/s` → `aws-us-gov`.
 * Throws on anything that is not an ARN of a known partition: a wrong partition is a bug to see,
 * not a default to fall back on.
 */
export function partitionOf(arn: string): Partition {
  const m = ARN.exec(arn);
  const partition = m?.[1];
  if (partition === undefined || !isPartition(partition)) {
    throw new Error(`not an ARN of a known AWS partition: ${arn.slice(0, 200)}`);
  }
  return partition;
}

/** The account id of an ARN (`arn:<p>:<service>:<region>:<account>:...`), if it has one. */
export function accountOfArn(arn: string): string | undefined {
  const account = ARN.exec(arn)?.[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Builds an ARN. Global resources pass `''` (or `'global'`) as region; account-less ones `''`.
 * `arnFor('aws-cn', 's3', '', '', 'my-bucket')` → `arn:aws-cn:s3:::my-bucket`.
 */
export function arnFor(
  partition: Partition,
  service: string,
  region: string,
  account: string,
  resource: string,
): string {
  const r = region === 'global' ? '' : region;
  return `arn:${partition}:${service}:${r}:${account}:${resource}`;
}

/**
 * The partition a region belongs to, by its name. Used to keep an emulator's (or a mistaken
 * request's) foreign regions out of an account's region list.
 */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}
