import { type OuSnapshot } from '@palisade/contracts';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { organizationsOuStructureReviewed } from './organizations_ou_structure_reviewed.check';

const MGMT = '111122223333';
const ORG: OuSnapshot = {
  organizationId: 'o-aa111bb222',
  managementAccountId: MGMT,
  rootId: 'r-root',
  featureSet: 'ALL',
  units: [
    {
      id: 'r-root',
      name: 'Root',
      path: 'Root',
      parentId: null,
      accountIds: [MGMT, '000000000009'],
      policyIds: [],
    },
    {
      id: 'ou-sec',
      name: 'Security',
      path: 'Root/Security',
      parentId: 'r-root',
      accountIds: ['000000000001', '000000000002'],
      policyIds: [],
    },
    {
      id: 'ou-work',
      name: 'Workloads',
      path: 'Root/Workloads',
      parentId: 'r-root',
      accountIds: [],
      policyIds: [],
    },
    {
      id: 'ou-prod',
      name: 'Prod',
      path: 'Root/Workloads/Prod',
      parentId: 'ou-work',
      accountIds: ['000000000003'],
      policyIds: [],
    },
  ],
  policies: [],
  delegatedAdministrators: [],
};

const roots = new SnapshotBuilder().setGlobal(
  'organizations.roots',
  ok([
    {
      id: 'r-root',
      arn: `arn:aws:organizations::${MGMT}:root/o-aa111bb222/r-root`,
      name: 'Root',
      policyTypes: [
        { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
        { type: 'TAG_POLICY', status: 'PENDING_ENABLE' },
      ],
    },
  ]),
);

describe('organizations_ou_structure_reviewed', () => {
  it('should be one MANUAL result with the OU tree, accounts per OU and accounts at the root', () => {
    const results = runCheck(
      organizationsOuStructureReviewed,
      roots,
      checkContext({ accountId: MGMT, organization: ORG }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        region: 'global',
        resourceUid: `arn:aws:organizations::${MGMT}:organization/o-aa111bb222`,
        resourceType: 'AwsOrganizationsOrganization',
      }),
    ]);
    expect(results[0]?.message).toContain(
      '3 OUs over 2 levels, 5 accounts, 1 member account directly under the root',
    );
    expect(results[0]?.evidence).toEqual({
      organizationId: 'o-aa111bb222',
      managementAccountId: MGMT,
      featureSet: 'ALL',
      rootPolicyTypesEnabled: ['SERVICE_CONTROL_POLICY'],
      ouCount: 3,
      depth: 2,
      accountCount: 5,
      accountsAtRoot: ['000000000009'],
      units: [
        {
          path: 'Root/Security',
          id: 'ou-sec',
          parentId: 'r-root',
          accountIds: ['000000000001', '000000000002'],
        },
        { path: 'Root/Workloads', id: 'ou-work', parentId: 'r-root', accountIds: [] },
        {
          path: 'Root/Workloads/Prod',
          id: 'ou-prod',
          parentId: 'ou-work',
          accountIds: ['000000000003'],
        },
      ],
    });
  });

  it('should still be MANUAL (never PASS or FAIL) for a flat organization', () => {
    const flat: OuSnapshot = { ...ORG, units: [{ ...ORG.units[0]!, accountIds: [MGMT] }] };
    const results = runCheck(
      organizationsOuStructureReviewed,
      roots,
      checkContext({ accountId: MGMT, organization: flat }),
    );
    expect(results.map((r) => r.status)).toEqual(['MANUAL']);
    expect(results[0]?.message).toContain(
      '0 OUs over 0 levels, 1 account, no member account directly under the root',
    );
  });

  it('should be one ERROR with the collector’s code when the roots cannot be read', () => {
    const results = runCheck(
      organizationsOuStructureReviewed,
      new SnapshotBuilder().setGlobal('organizations.roots', failed('ACCESS_DENIED', 'denied')),
      checkContext({ accountId: MGMT, organization: ORG }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be MANUAL "no organization context" for an accounts source', () => {
    const results = runCheck(
      organizationsOuStructureReviewed,
      new SnapshotBuilder(),
      checkContext({ sourceKind: 'accounts' }),
      'account',
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        evidence: { reason: 'no organization context' },
      }),
    ]);
  });
});
