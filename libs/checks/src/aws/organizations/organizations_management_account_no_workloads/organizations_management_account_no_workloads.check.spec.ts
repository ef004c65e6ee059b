import { type Ec2Instance } from '../../../collected/ec2';
import { type EcsCluster } from '../../../collected/ecs';
import { type LambdaFunction } from '../../../collected/lambda';
import { type RdsInstance } from '../../../collected/rds';
import { type S3BucketDetails } from '../../../collected/s3';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok, type Outcome } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  SECURITY,
  accountArn,
  itNeedsOrganizationContext,
  organization,
  runInOrganization,
} from '../test/organizations-fixtures';
import { organizationsManagementAccountNoWorkloads as check } from './organizations_management_account_no_workloads.check';

const ORG = organization();
const UID = accountArn(MGMT);
const REGIONS = ['eu-west-1', 'us-east-1'];

function instance(id: string, state: string): Ec2Instance {
  return {
    instanceId: id,
    arn: `arn:aws:ec2:eu-west-1:${MGMT}:instance/${id}`,
    state,
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
    securityGroupIds: [],
    tags: {},
  };
}

function fn(name: string): LambdaFunction {
  return { name, arn: `arn:aws:lambda:us-east-1:${MGMT}:function:${name}`, policy: ok(null) };
}

function db(id: string, status = 'available'): RdsInstance {
  return {
    id,
    arn: `arn:aws:rds:eu-west-1:${MGMT}:db:${id}`,
    engine: 'postgres',
    status,
    storageEncrypted: true,
    autoMinorVersionUpgrade: true,
    publiclyAccessible: false,
    multiAz: false,
  };
}

function cluster(name: string, running: number, services = 0): EcsCluster {
  return {
    name,
    arn: `arn:aws:ecs:eu-west-1:${MGMT}:cluster/${name}`,
    status: 'ACTIVE',
    runningTasksCount: running,
    pendingTasksCount: 0,
    activeServicesCount: services,
    registeredContainerInstancesCount: 0,
    tags: {},
  };
}

function bucket(
  name: string,
  tags: Outcome<Record<string, string>> = ok({}),
  logsTo: string | null = null,
): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    policy: ok(null),
    publicAccessBlock: ok(null),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    logging: ok(logsTo === null ? null : { targetBucket: logsTo, targetPrefix: '' }),
    tags,
  };
}

interface Inventory {
  instances?: Ec2Instance[];
  functions?: LambdaFunction[];
  databases?: RdsInstance[];
  clusters?: EcsCluster[];
  buckets?: S3BucketDetails[];
}

/** Everything in eu-west-1; us-east-1 holds only the functions. */
function snapshot(inv: Inventory = {}) {
  const s = new SnapshotBuilder().setGlobal('s3.buckets', ok(inv.buckets ?? []));
  for (const region of REGIONS) {
    const here = region === 'eu-west-1';
    s.setRegional('ec2.instances', region, ok(here ? (inv.instances ?? []) : []));
    s.setRegional('lambda.functions', region, ok(here ? [] : (inv.functions ?? [])));
    s.setRegional('rds.instances', region, ok(here ? (inv.databases ?? []) : []));
    s.setRegional('ecs.clusters', region, ok(here ? (inv.clusters ?? []) : []));
  }
  return s;
}

const LOGGING_AND_STATE = [
  bucket('aws-cloudtrail-logs-111122223333-abcd', ok({}), 'acme-s3-audit-target'),
  bucket('config-bucket-111122223333'),
  bucket('acme-access-logs'),
  bucket('acme.tfstate'),
  bucket('acme-terraform-locks'),
  bucket('cf-templates-1a2b3c-eu-west-1'),
  bucket('cdk-hnb659fds-assets-111122223333-eu-west-1'),
  bucket('acme-archive', ok({ Purpose: 'Log-Archive' })),
  bucket('acme-s3-audit-target'),
];

const run = (s: SnapshotBuilder, accountId = MGMT) => runInOrganization(check, s, ORG, accountId);

describe('organizations_management_account_no_workloads', () => {
  it('should PASS when only logging and state buckets and idle or governance resources exist', () => {
    const buckets = LOGGING_AND_STATE;
    const results = run(
      snapshot({
        instances: [instance('i-gone', 'terminated')],
        functions: [fn('aws-controltower-NotificationForwarder')],
        databases: [db('old', 'deleting')],
        clusters: [cluster('idle', 0)],
        buckets,
      }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'PASS', resourceUid: UID, region: 'global' }),
    ]);
    const excluded = results[0]?.evidence?.excludedBuckets as { name: string; reason: string }[];
    expect(excluded.map((b) => b.name)).toEqual(buckets.map((b) => b.name));
    expect(excluded.find((b) => b.name === 'acme-archive')?.reason).toBe('tag Purpose=Log-Archive');
    expect(excluded.find((b) => b.name === 'acme-s3-audit-target')?.reason).toBe(
      'server access log target',
    );
  });

  it('should FAIL listing every kind of workload found, with regions', () => {
    const results = run(
      snapshot({
        instances: [instance('i-web', 'running'), instance('i-batch', 'stopped')],
        functions: [fn('invoice-sender')],
        databases: [db('orders')],
        clusters: [cluster('api', 3), cluster('scaled-to-zero', 0, 1), cluster('idle', 0)],
        buckets: [
          ...LOGGING_AND_STATE,
          bucket('acme-org-reports', ok({}), 'acme-s3-audit-target'),
          bucket('customer-uploads'),
        ],
      }),
    );
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r?.status).toBe('FAIL');
    expect(r?.message).toContain('2 EC2 instances (i-web, i-batch)');
    expect(r?.message).toContain('1 Lambda function (invoice-sender)');
    expect(r?.message).toContain('1 RDS instance (orders)');
    expect(r?.message).toContain('2 ECS clusters (api, scaled-to-zero)');
    // acme-org-reports is a workload: it sends logs, it does not receive them.
    expect(r?.message).toContain('2 S3 buckets (acme-org-reports, customer-uploads)');
    expect(r?.evidence).toMatchObject({
      counts: {
        ec2Instances: 2,
        lambdaFunctions: 1,
        rdsInstances: 1,
        ecsClusters: 2,
        s3Buckets: 2,
      },
      workloads: { lambdaFunctions: [{ id: 'invoice-sender', region: 'us-east-1' }] },
    });
  });

  it('should say when the scan covers fewer regions than are enabled', () => {
    const results = runCheck(
      check,
      snapshot({ buckets: [bucket('app-data')] }),
      checkContext({
        accountId: MGMT,
        organization: ORG,
        regions: { scanned: REGIONS, enabled: [...REGIONS, 'eu-central-1'], notEnabled: [] },
      }),
    );
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.message).toContain('(evaluated over 2 of 3 enabled regions)');
  });

  it('should be ERROR, never PASS, when a bucket no name rule excludes has unreadable tags', () => {
    const results = run(
      snapshot({ buckets: [bucket('mystery', failed('ACCESS_DENIED', 'no s3:GetBucketTagging'))] }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED', resourceUid: UID }),
    ]);
    expect(results[0]?.message).toContain('mystery');
  });

  it('should FAIL (not ERROR) when workloads exist besides a bucket with unreadable tags', () => {
    const results = run(
      snapshot({
        instances: [instance('i-web', 'running')],
        buckets: [bucket('mystery', failed('ACCESS_DENIED', 'denied'))],
      }),
    );
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.evidence).toMatchObject({ bucketsWithUnreadableTags: ['mystery'] });
  });

  it('should be one ERROR with the collector’s code when a region’s inventory failed', () => {
    const s = snapshot().setRegional(
      'ecs.clusters',
      'us-east-1',
      failed('ACCESS_DENIED', 'denied'),
    );
    const results = run(s);
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
    expect(results[0]?.message).toContain('ecs.clusters in us-east-1');
  });

  it('should be MANUAL when the organization job ran in a delegated administrator account', () => {
    const results = run(snapshot({ instances: [instance('i-web', 'running')] }), SECURITY);
    expect(results).toEqual([expect.objectContaining({ status: 'MANUAL', resourceUid: UID })]);
    expect(results[0]?.message).toContain(`delegated administrator account ${SECURITY}`);
  });

  itNeedsOrganizationContext(check);
});
