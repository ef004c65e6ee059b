import { ouSnapshotSchema } from '@palisade/contracts';
import { type OrganizationInventory } from './organization-inventory';
import { toOuSnapshot } from './ou-snapshot';

function inventory(): OrganizationInventory {
  const account = (accountId: string, ouId: string, ouPath: string, ancestors: string[]) => ({
    accountId,
    name: accountId,
    email: `${accountId}@example.com`,
    state: 'ACTIVE' as const,
    joinedAt: null,
    ouId,
    ouPath,
    ancestorOuIds: ancestors,
    tags: {},
  });
  return {
    organizationId: 'o-abcdefghij',
    managementAccountId: '111111111111',
    featureSet: 'ALL',
    rootId: 'r-ab12',
    enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
    units: [
      { id: 'r-ab12', name: 'Root', parentId: null, path: 'Root' },
      { id: 'ou-ab12-prod0000', name: 'Prod', parentId: 'r-ab12', path: 'Root/Prod' },
      { id: 'ou-ab12-empty000', name: 'Empty', parentId: 'r-ab12', path: 'Root/Empty' },
    ],
    accounts: [
      account('111111111111', 'r-ab12', 'Root', ['r-ab12']),
      account('222222222222', 'ou-ab12-prod0000', 'Root/Prod', ['r-ab12', 'ou-ab12-prod0000']),
      account('333333333333', 'ou-ab12-prod0000', 'Root/Prod', ['r-ab12', 'ou-ab12-prod0000']),
    ],
    delegatedAdministrators: [
      { accountId: '222222222222', servicePrincipals: ['guardduty.amazonaws.com'] },
    ],
    policies: [
      {
        id: 'p-FullAWSAccess',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'FullAWSAccess',
        awsManaged: true,
        content: '{}',
        targetIds: ['111111111111', 'ou-ab12-prod0000', 'r-ab12'],
      },
      {
        id: 'p-deny0000',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'DenyLeave',
        awsManaged: false,
        content: '{"Statement":[]}',
        targetIds: ['ou-ab12-prod0000'],
      },
    ],
    issues: [],
    calls: 9,
    callsByOperation: {},
    walkedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('toOuSnapshot', () => {
  it('should give each unit the accounts directly in it and the policies attached to it', () => {
    const snapshot = toOuSnapshot(inventory());
    expect(snapshot.units).toEqual([
      {
        id: 'r-ab12',
        name: 'Root',
        parentId: null,
        path: 'Root',
        accountIds: ['111111111111'],
        policyIds: ['p-FullAWSAccess'],
      },
      {
        id: 'ou-ab12-prod0000',
        name: 'Prod',
        parentId: 'r-ab12',
        path: 'Root/Prod',
        accountIds: ['222222222222', '333333333333'],
        policyIds: ['p-FullAWSAccess', 'p-deny0000'],
      },
      {
        id: 'ou-ab12-empty000',
        name: 'Empty',
        parentId: 'r-ab12',
        path: 'Root/Empty',
        accountIds: [],
        policyIds: [],
      },
    ]);
  });

  it('should carry the organization, policies and delegated administrators and satisfy the contract', () => {
    const snapshot = toOuSnapshot(inventory());
    expect(ouSnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({
      organizationId: 'o-abcdefghij',
      managementAccountId: '111111111111',
      rootId: 'r-ab12',
      featureSet: 'ALL',
      delegatedAdministrators: [
        { accountId: '222222222222', servicePrincipals: ['guardduty.amazonaws.com'] },
      ],
    });
    expect(snapshot.policies.map((p) => [p.id, p.targetIds])).toEqual([
      ['p-FullAWSAccess', ['111111111111', 'ou-ab12-prod0000', 'r-ab12']],
      ['p-deny0000', ['ou-ab12-prod0000']],
    ]);
  });

  it('should refuse an inventory whose management account id is not an account id', () => {
    expect(() => toOuSnapshot({ ...inventory(), managementAccountId: 'nope' })).toThrow();
  });
});
