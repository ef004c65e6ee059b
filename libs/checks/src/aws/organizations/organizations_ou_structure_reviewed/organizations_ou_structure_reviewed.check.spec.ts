import { failed } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  ORG_ARN,
  itNeedsOrganizationContext,
  organization,
  rootsSnapshot,
  runInOrganization,
  unit,
} from '../test/organizations-fixtures';
import { organizationsOuStructureReviewed as check } from './organizations_ou_structure_reviewed.check';

const ORG = organization({
  units: [
    unit('r-root', 'Root', null, [MGMT, '000000000009']),
    unit('ou-sec', 'Root/Security', 'r-root', ['000000000001', '000000000002']),
    unit('ou-work', 'Root/Workloads', 'r-root', []),
    unit('ou-prod', 'Root/Workloads/Prod', 'ou-work', ['000000000003']),
  ],
});

const roots = rootsSnapshot([
  { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
  { type: 'TAG_POLICY', status: 'PENDING_ENABLE' },
]);

describe('organizations_ou_structure_reviewed', () => {
  it('should be one MANUAL result with the OU tree, accounts per OU and accounts at the root', () => {
    const results = runInOrganization(check, roots, ORG);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        region: 'global',
        resourceUid: ORG_ARN,
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
    const flat = organization({ units: [unit('r-root', 'Root', null, [MGMT])] });
    const results = runInOrganization(check, roots, flat);
    expect(results.map((r) => r.status)).toEqual(['MANUAL']);
    expect(results[0]?.message).toContain(
      '0 OUs over 0 levels, 1 account, no member account directly under the root',
    );
  });

  it('should be one ERROR with the collector’s code when the roots cannot be read', () => {
    const results = runInOrganization(
      check,
      new SnapshotBuilder().setGlobal('organizations.roots', failed('ACCESS_DENIED', 'denied')),
      ORG,
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  itNeedsOrganizationContext(check);
});
