// Which S3 buckets of the management account are evidently for logs or infrastructure state
// (so not workloads): by name, tag value, or being another bucket's access-log target.
import { type S3BucketDetails } from '../../../collected/s3';

const NAME_CONTAINS = [
  'cloudtrail',
  'awsconfig',
  'aws-config',
  'config-bucket',
  'tfstate',
  'tf-state',
  'terraform-state',
];
const NAME_PARTS = ['log', 'logs', 'logging', 'accesslogs', 'auditlogs', 'terraform'];
const TAG_VALUES = [
  'logging',
  'logs',
  'log-archive',
  'access-logs',
  'audit-logs',
  'cloudtrail',
  'config',
  'terraform-state',
  'tfstate',
];

/** Why the bucket's name marks it as logging or state, if it does. */
function byName(name: string): string | undefined {
  const lower = name.toLowerCase();
  const contained = NAME_CONTAINS.find((s) => lower.includes(s));
  if (contained !== undefined) return `name contains "${contained}"`;
  const part = lower.split(/[-._]/).find((p) => NAME_PARTS.includes(p));
  if (part !== undefined) return `name part "${part}"`;
  if (lower.startsWith('cf-templates-')) return 'CloudFormation templates bucket';
  if (/^cdk-[a-z0-9]+-assets-/.test(lower)) return 'CDK bootstrap assets bucket';
  return undefined;
}

export type BucketVerdict =
  | { kind: 'excluded'; reason: string }
  | { kind: 'workload' }
  /** Tags unreadable and nothing else excludes it. */
  | { kind: 'undecided'; code: string; message: string };

/** Every bucket's verdict (the access-log targets come from all buckets' logging settings). */
export function bucketVerdicts(buckets: readonly S3BucketDetails[]): Map<string, BucketVerdict> {
  const logTargets = new Set(
    buckets.flatMap((b) =>
      b.logging.ok && b.logging.data !== null ? [b.logging.data.targetBucket] : [],
    ),
  );
  const verdicts = new Map<string, BucketVerdict>();
  for (const bucket of buckets) {
    const named = byName(bucket.name);
    if (named !== undefined) {
      verdicts.set(bucket.name, { kind: 'excluded', reason: named });
    } else if (logTargets.has(bucket.name)) {
      verdicts.set(bucket.name, { kind: 'excluded', reason: 'server access log target' });
    } else if (!bucket.tags.ok) {
      verdicts.set(bucket.name, {
        kind: 'undecided',
        code: bucket.tags.code,
        message: bucket.tags.message,
      });
    } else {
      const tag = Object.entries(bucket.tags.data).find(([, v]) =>
        TAG_VALUES.includes(v.toLowerCase()),
      );
      verdicts.set(
        bucket.name,
        tag === undefined
          ? { kind: 'workload' }
          : { kind: 'excluded', reason: `tag ${tag[0]}=${tag[1]}` },
      );
    }
  }
  return verdicts;
}
