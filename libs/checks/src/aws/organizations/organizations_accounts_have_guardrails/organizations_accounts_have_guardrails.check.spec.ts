import { type OuSnapshot } from '@palisade/contracts';
import { type ResourceControlPolicy, type RootPolicyType } from '../../../collected/organizations';
import { failed, ok } from '../../../framework/outcome';
import { type SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  accountArn as arn,
  itNeedsOrganizationContext,
  organization,
  rootsSnapshot,
  runInOrganization,
  unit,
} from '../test/organizations-fixtures';
import { organizationsAccountsHaveGuardrails as check } from './organizations_accounts_have_guardrails.check';

const [AT_ROOT, IN_SECURITY, IN_PROD, IN_WORKLOADS] = [
  '000000000001',
  '000000000002',
  '000000000003',
  '000000000004',
];
const ALL_ACCOUNTS = [MGMT, AT_ROOT, IN_SECURITY, IN_PROD, IN_WORKLOADS];

const doc = (statement: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const ALLOW_ALL = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const DENY_LEAVE = doc({
  Effect: 'Deny',
  Action: 'organizations:LeaveOrganization',
  Resource: '*',
});

const FULL_ACCESS = {
  id: 'p-FullAWSAccess',
  type: 'SERVICE_CONTROL_POLICY',
  name: 'FullAWSAccess',
  content: ALLOW_ALL,
  targetIds: ['r-root', ...ALL_ACCOUNTS],
};

function org(overrides: Partial<OuSnapshot> = {}): OuSnapshot {
  return organization({
    units: [
      unit('r-root', 'Root', null, [MGMT, AT_ROOT]),
      unit('ou-sec', 'Root/Security', 'r-root', [IN_SECURITY]),
      unit('ou-work', 'Root/Workloads', 'r-root', [IN_WORKLOADS]),
      unit('ou-prod', 'Root/Workloads/Prod', 'ou-work', [IN_PROD]),
    ],
    policies: [
      FULL_ACCESS,
      {
        id: 'p-denyleave',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'deny-leave',
        content: DENY_LEAVE,
        targetIds: ['ou-sec'],
      },
      {
        id: 'p-regions',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'approved-regions',
        content: doc({
          Effect: 'Deny',
          NotAction: 'iam:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
        }),
        targetIds: [IN_PROD],
      },
      // A copy of FullAWSAccess restricts nothing either.
      {
        id: 'p-copy',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'allow-all-copy',
        content: ALLOW_ALL,
        targetIds: ['ou-work'],
      },
      // A tag policy is not an authorization guardrail.
      {
        id: 'p-tags',
        type: 'TAG_POLICY',
        name: 'tags',
        content: '{"tags":{}}',
        targetIds: ['r-root'],
      },
    ],
    ...overrides,
  });
}

const SCP_ON: RootPolicyType[] = [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }];
const RCP_FULL: ResourceControlPolicy = {
  id: 'p-RCPFullAWSAccess',
  name: 'RCPFullAWSAccess',
  awsManaged: true,
  content: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
  targetIds: ['r-root', ...ALL_ACCOUNTS],
};

const PERIMETER: ResourceControlPolicy = {
  id: 'p-perimeter',
  name: 'data-perimeter',
  awsManaged: false,
  content: doc({
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-aa111bb222' } },
  }),
  targetIds: ['r-root'],
};

const snapshot = (policyTypes: RootPolicyType[], rcps: ResourceControlPolicy[] = []) =>
  rootsSnapshot(policyTypes).setGlobal('organizations.resourceControlPolicies', ok(rcps));

const run = (s: SnapshotBuilder, o: OuSnapshot = org()) => runInOrganization(check, s, o);

const statuses = (results: ReturnType<typeof run>) => results.map((r) => [r.resourceUid, r.status]);

describe('organizations_accounts_have_guardrails', () => {
  it('should PASS accounts under a guardrail SCP (on their OU or themselves) and FAIL the others', () => {
    const results = run(snapshot(SCP_ON));
    expect(statuses(results)).toEqual([
      [arn(AT_ROOT), 'FAIL'],
      [arn(IN_SECURITY), 'PASS'],
      [arn(IN_PROD), 'PASS'],
      [arn(IN_WORKLOADS), 'FAIL'],
    ]);
    expect(results.every((r) => r.region === 'global')).toBe(true);
    const security = results[1];
    expect(security?.message).toContain('deny-leave (SCP at Root/Security)');
    expect(security?.evidence).toMatchObject({
      ouPath: 'Root/Security',
      policies: [
        { id: 'p-FullAWSAccess', attachedTo: `account ${IN_SECURITY}`, kind: 'allow-everything' },
        { id: 'p-denyleave', attachedTo: 'Root/Security', kind: 'guardrail' },
      ],
    });
    expect(results[2]?.message).toContain(`approved-regions (SCP at account ${IN_PROD})`);
    const workloads = results[3];
    expect(workloads?.message).toContain('allow-all-copy (SCP at Root/Workloads)');
    expect(workloads?.evidence).toMatchObject({
      policies: [
        { id: 'p-FullAWSAccess', kind: 'allow-everything' },
        { id: 'p-copy', kind: 'allow-everything' },
      ],
    });
  });

  it('should PASS every member when a custom RCP is attached to the root and RCPs are enabled', () => {
    const results = run(
      snapshot(
        [...SCP_ON, { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' }],
        [RCP_FULL, PERIMETER],
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(results[0]?.message).toContain('data-perimeter (RCP at Root)');
  });

  it('should ignore RCPs (and SCPs) whose type the root does not enable', () => {
    const pending: RootPolicyType[] = [
      { type: 'SERVICE_CONTROL_POLICY', status: 'PENDING_ENABLE' },
    ];
    const results = run(snapshot(pending, [RCP_FULL, PERIMETER]));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL']);
    expect(results[1]?.message).toContain('root r-root enables neither');
  });

  it('should FAIL every member when the organization lacks all features', () => {
    const results = run(snapshot([]), org({ featureSet: 'CONSOLIDATED_BILLING' }));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.message).toContain('feature set CONSOLIDATED_BILLING, not ALL');
  });

  it('should be ERROR, never FAIL, when SCPs are enabled but the snapshot carries none', () => {
    const results = run(snapshot(SCP_ON), org({ policies: [] }));
    expect(results).toHaveLength(4);
    expect(
      results.every((r) => r.status === 'ERROR' && r.errorCode === 'SNAPSHOT_INCOMPLETE'),
    ).toBe(true);
  });

  it('should be ERROR when the only candidate guardrail’s document is unreadable', () => {
    const broken = org();
    broken.policies.push({
      id: 'p-broken',
      type: 'SERVICE_CONTROL_POLICY',
      name: 'broken',
      content: 'not json',
      targetIds: [AT_ROOT],
    });
    const results = run(snapshot(SCP_ON), broken);
    expect(results[0]).toMatchObject({
      status: 'ERROR',
      errorCode: 'INVALID_POLICY',
      resourceUid: arn(AT_ROOT),
    });
    expect(results[0]?.message).toContain('broken');
  });

  it('should be one ERROR with the collector’s code when the roots cannot be read', () => {
    const results = run(
      snapshot([]).setGlobal('organizations.roots', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when the organization has no member account', () => {
    const alone = org({ units: [unit('r-root', 'Root', null, [MGMT])] });
    expect(run(snapshot(SCP_ON), alone)).toEqual([]);
  });

  itNeedsOrganizationContext(check);
});
