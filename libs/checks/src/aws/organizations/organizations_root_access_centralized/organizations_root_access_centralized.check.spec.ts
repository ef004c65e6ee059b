import { type OuSnapshot } from '@palisade/contracts';
import { type RootAccessFeatures } from '../../../collected/organizations';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { organizationsRootAccessCentralized } from './organizations_root_access_centralized.check';

const ORG: OuSnapshot = {
  organizationId: 'o-aa111bb222',
  managementAccountId: '111122223333',
  rootId: 'r-ab12',
  featureSet: 'ALL',
  units: [
    {
      id: 'r-ab12',
      name: 'Root',
      path: 'Root',
      parentId: null,
      accountIds: ['111122223333', '444455556666'],
      policyIds: [],
    },
  ],
  policies: [],
  delegatedAdministrators: [
    { accountId: '444455556666', servicePrincipals: ['iam.amazonaws.com'] },
  ],
};
const UID = 'arn:aws:organizations::111122223333:organization/o-aa111bb222';
const BOTH = ['RootCredentialsManagement', 'RootSessions'];

function snapshot(principals: string[], features: RootAccessFeatures) {
  return new SnapshotBuilder()
    .setGlobal(
      'organizations.serviceAccess',
      ok(principals.map((servicePrincipal) => ({ servicePrincipal }))),
    )
    .setGlobal('organizations.rootAccessFeatures', ok(features));
}

const run = (s: SnapshotBuilder) =>
  runCheck(organizationsRootAccessCentralized, s, checkContext({ organization: ORG }));

describe('organizations_root_access_centralized', () => {
  it('should PASS when IAM has trusted access and both features are enabled', () => {
    const results = run(
      snapshot(['guardduty.amazonaws.com', 'iam.amazonaws.com'], { enabledFeatures: BOTH }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'PASS', resourceUid: UID, region: 'global' }),
    ]);
    expect(results[0]?.evidence).toMatchObject({ iamDelegatedAdministrators: ['444455556666'] });
  });

  it('should FAIL naming the feature that is off', () => {
    const results = run(
      snapshot(['iam.amazonaws.com'], { enabledFeatures: ['RootCredentialsManagement'] }),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'FAIL', resourceUid: UID })]);
    expect(results[0]?.message).toContain('missing RootSessions');
    expect(results[0]?.evidence).toMatchObject({ missing: ['RootSessions'] });
  });

  it('should FAIL with everything missing when IAM has no trusted access', () => {
    const results = run(
      snapshot([], {
        enabledFeatures: [],
        unavailableReason: 'ServiceAccessNotEnabledException',
      }),
    );
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.evidence).toMatchObject({
      missing: ['trusted access for IAM (iam.amazonaws.com)', ...BOTH],
      unavailableReason: 'ServiceAccessNotEnabledException',
    });
    expect(results[0]?.message).toContain('ServiceAccessNotEnabledException');
  });

  it('should FAIL when the features are on but IAM’s trusted access was disabled since', () => {
    const results = run(snapshot([], { enabledFeatures: BOTH }));
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.evidence).toMatchObject({
      missing: ['trusted access for IAM (iam.amazonaws.com)'],
    });
  });

  it('should be one ERROR with the collector’s code when the features cannot be read', () => {
    const results = run(
      new SnapshotBuilder()
        .setGlobal('organizations.serviceAccess', ok([{ servicePrincipal: 'iam.amazonaws.com' }]))
        .setGlobal('organizations.rootAccessFeatures', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be MANUAL "no organization context" for an accounts source', () => {
    const results = runCheck(
      organizationsRootAccessCentralized,
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
