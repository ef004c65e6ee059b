// What the organization check specs share: an organization managed from the kit's account,
// snapshot builders for its collected data, and the case every organization check has (an
// accounts source gives no organization context). A file, not a folder: folders here are checks.
import { type OuSnapshot } from '@palisade/contracts';
import { type RootPolicyType } from '../../../collected/organizations';
import { type Check } from '../../../framework/check';
import { checkContext, KIT_ACCOUNT, runCheck } from '../../../framework/check-kit';
import { ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { type OuUnit } from '../organization';

export const MGMT = KIT_ACCOUNT;
/** A member account, the delegated administrator where a spec needs one. */
export const SECURITY = '444455556666';
export const ORG_ID = 'o-aa111bb222';
export const ORG_ARN = `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`;

/** Organizations' ARN of one account of the organization. */
export const accountArn = (accountId: string) =>
  `arn:aws:organizations::${MGMT}:account/${ORG_ID}/${accountId}`;

/** A unit named by the last part of its path: `unit('ou-sec', 'Root/Security', 'r-root', [...])`. */
export function unit(
  id: string,
  path: string,
  parentId: string | null,
  accountIds: string[],
): OuUnit {
  return { id, name: path.split('/').pop() ?? path, path, parentId, accountIds, policyIds: [] };
}

/** An ALL-features organization whose root `r-root` holds the management and SECURITY accounts. */
export function organization(overrides: Partial<OuSnapshot> = {}): OuSnapshot {
  return {
    organizationId: ORG_ID,
    managementAccountId: MGMT,
    rootId: 'r-root',
    featureSet: 'ALL',
    units: [unit('r-root', 'Root', null, [MGMT, SECURITY])],
    policies: [],
    delegatedAdministrators: [],
    ...overrides,
  };
}

/** `organizations.roots` holding the root `r-root` with these policy types. */
export function rootsSnapshot(policyTypes: RootPolicyType[]): SnapshotBuilder {
  return new SnapshotBuilder().setGlobal(
    'organizations.roots',
    ok([
      {
        id: 'r-root',
        arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/r-root`,
        name: 'Root',
        policyTypes,
      },
    ]),
  );
}

/** `organizations.serviceAccess` listing these service principals as trusted. */
export function serviceAccess(...principals: string[]): SnapshotBuilder {
  return new SnapshotBuilder().setGlobal(
    'organizations.serviceAccess',
    ok(principals.map((servicePrincipal) => ({ servicePrincipal }))),
  );
}

/** The check's results in the organization job of the given organization. */
export function runInOrganization(
  check: Check,
  snapshot: SnapshotBuilder,
  org: OuSnapshot,
  accountId = MGMT,
) {
  return runCheck(check, snapshot, checkContext({ accountId, organization: org }));
}

/** The case every organization check shares; call inside the spec's describe. */
export function itNeedsOrganizationContext(check: Check): void {
  it('should be MANUAL "no organization context" for an accounts source', () => {
    const results = runCheck(
      check,
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
}
