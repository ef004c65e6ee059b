import { type RootAccessFeatures } from '../../../collected/organizations';
import { failed, ok } from '../../../framework/outcome';
import { type SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  ORG_ARN as UID,
  SECURITY,
  itNeedsOrganizationContext,
  organization,
  runInOrganization,
  serviceAccess,
  unit,
} from '../test/organizations-fixtures';
import { organizationsRootAccessCentralized as check } from './organizations_root_access_centralized.check';

const ORG = organization({
  rootId: 'r-ab12',
  units: [unit('r-ab12', 'Root', null, [MGMT, SECURITY])],
  delegatedAdministrators: [{ accountId: SECURITY, servicePrincipals: ['iam.amazonaws.com'] }],
});
const BOTH = ['RootCredentialsManagement', 'RootSessions'];

const snapshot = (principals: string[], features: RootAccessFeatures) =>
  serviceAccess(...principals).setGlobal('organizations.rootAccessFeatures', ok(features));

const run = (s: SnapshotBuilder) => runInOrganization(check, s, ORG);

describe('organizations_root_access_centralized', () => {
  it('should PASS when IAM has trusted access and both features are enabled', () => {
    const results = run(
      snapshot(['guardduty.amazonaws.com', 'iam.amazonaws.com'], { enabledFeatures: BOTH }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'PASS', resourceUid: UID, region: 'global' }),
    ]);
    expect(results[0]?.evidence).toMatchObject({ iamDelegatedAdministrators: [SECURITY] });
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
      serviceAccess('iam.amazonaws.com').setGlobal(
        'organizations.rootAccessFeatures',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  itNeedsOrganizationContext(check);
});
