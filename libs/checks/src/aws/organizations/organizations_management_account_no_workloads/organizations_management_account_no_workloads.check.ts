import { defineCheck } from '../../../framework/check';
import { regionCoverage, ResultBuilder } from '../../../framework/results';
import { organizationAccountArn, organizationOf } from '../organization';
import { bucketVerdicts } from './management-buckets';
import { metadata } from './organizations_management_account_no_workloads.metadata';

/** Listed per kind in the evidence; the counts are always complete. */
const LISTED = 25;

interface Workload {
  id: string;
  arn: string;
  region: string;
  detail?: string;
}

const KINDS = [
  ['ec2Instances', 'EC2 instance'],
  ['lambdaFunctions', 'Lambda function'],
  ['rdsInstances', 'RDS instance'],
  ['ecsClusters', 'ECS cluster'],
  ['s3Buckets', 'S3 bucket'],
] as const;
type Kind = (typeof KINDS)[number][0];

export const organizationsManagementAccountNoWorkloads = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const org = organizationOf(ctx);
  const uid = organizationAccountArn(ctx, org, org.managementAccountId);
  const name = `Management account ${org.managementAccountId} of organization ${org.organizationId}`;
  if (ctx.accountId !== org.managementAccountId) {
    return [
      results.manual(
        uid,
        `${name}: the organization job ran in delegated administrator account ${ctx.accountId}, so the management account’s resources were not inventoried; a person must review them`,
        { jobAccountId: ctx.accountId, managementAccountId: org.managementAccountId },
      ),
    ];
  }
  const buckets = collected.global('s3.buckets');
  if (!buckets.ok) return [];
  const found: Record<Kind, Workload[]> = {
    ec2Instances: [],
    lambdaFunctions: [],
    rdsInstances: [],
    ecsClusters: [],
    s3Buckets: [],
  };
  for (const region of ctx.regions.scanned) {
    const instances = collected.regional('ec2.instances', region);
    const functions = collected.regional('lambda.functions', region);
    const databases = collected.regional('rds.instances', region);
    const clusters = collected.regional('ecs.clusters', region);
    if (!instances.ok || !functions.ok || !databases.ok || !clusters.ok) return [];
    for (const i of instances.data) {
      if (i.state === 'terminated' || i.state === 'shutting-down') continue;
      found.ec2Instances.push({ id: i.instanceId, arn: i.arn, region, detail: i.state });
    }
    for (const f of functions.data) {
      if (f.name.startsWith('aws-controltower-')) continue;
      found.lambdaFunctions.push({ id: f.name, arn: f.arn, region });
    }
    for (const d of databases.data) {
      if (d.status === 'deleting') continue;
      found.rdsInstances.push({ id: d.id, arn: d.arn, region, detail: d.engine });
    }
    for (const c of clusters.data) {
      if (c.runningTasksCount + c.pendingTasksCount + c.activeServicesCount === 0) continue;
      const detail = `${c.runningTasksCount} running, ${c.pendingTasksCount} pending tasks, ${c.activeServicesCount} services`;
      found.ecsClusters.push({ id: c.name, arn: c.arn, region, detail });
    }
  }
  const verdicts = bucketVerdicts(buckets.data);
  const excludedBuckets: { name: string; reason: string }[] = [];
  const undecided: { name: string; code: string; message: string }[] = [];
  for (const bucket of buckets.data) {
    const verdict = verdicts.get(bucket.name);
    if (verdict?.kind === 'excluded')
      excludedBuckets.push({ name: bucket.name, reason: verdict.reason });
    else if (verdict?.kind === 'undecided')
      undecided.push({ name: bucket.name, code: verdict.code, message: verdict.message });
    else found.s3Buckets.push({ id: bucket.name, arn: bucket.arn, region: bucket.region });
  }

  const coverage = regionCoverage(ctx);
  const counts = Object.fromEntries(KINDS.map(([k]) => [k, found[k].length]));
  const listed = Object.fromEntries(KINDS.map(([k]) => [k, found[k].slice(0, LISTED)]));
  const evidence = {
    ...coverage.evidence,
    counts,
    workloads: listed,
    excludedBuckets: excludedBuckets.slice(0, LISTED),
    ...(undecided.length > 0 ? { bucketsWithUnreadableTags: undecided.map((u) => u.name) } : {}),
  };
  const summary = KINDS.flatMap(([k, label]) => {
    const n = found[k].length;
    if (n === 0) return [];
    const names = found[k]
      .slice(0, 3)
      .map((w) => w.id)
      .join(', ');
    return [`${n} ${label}${n === 1 ? '' : 's'} (${names}${n > 3 ? ', …' : ''})`];
  });
  if (summary.length > 0) {
    return [
      results.fail(uid, `${name} runs workloads: ${summary.join('; ')}${coverage.note}`, evidence),
    ];
  }
  const first = undecided[0];
  if (first !== undefined) {
    return [
      results.error(
        uid,
        first.code,
        `${name}: no workload found, but whether bucket${undecided.length === 1 ? '' : 's'} ${undecided.map((u) => u.name).join(', ')} ${undecided.length === 1 ? 'is' : 'are'} for logs or state is unknown: could not read tags: ${first.message}`,
        evidence,
      ),
    ];
  }
  return [
    results.pass(
      uid,
      `${name} runs no workloads: no EC2, Lambda, RDS or active ECS resources in ${ctx.regions.scanned.length} scanned regions and only logging or state buckets (${excludedBuckets.length})${coverage.note}`,
      evidence,
    ),
  ];
});
