import { type OuSnapshot } from '@palisade/contracts';
import { failed } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  ORG_ARN,
  SECURITY,
  itNeedsOrganizationContext,
  organization,
  runInOrganization,
  serviceAccess as access,
} from '../test/organizations-fixtures';
import { organizationsSecurityServicesDelegated as check } from './organizations_security_services_delegated.check';

const org = (delegatedAdministrators: OuSnapshot['delegatedAdministrators']) =>
  organization({ delegatedAdministrators });

const run = (s: SnapshotBuilder, o: OuSnapshot) => runInOrganization(check, s, o);

describe('organizations_security_services_delegated', () => {
  it('should PASS delegated services and FAIL those run from the management account', () => {
    const results = run(
      access(
        'guardduty.amazonaws.com',
        'securityhub.amazonaws.com',
        'config.amazonaws.com',
        'ram.amazonaws.com', // not a security service: not reported
      ),
      org([
        {
          accountId: SECURITY,
          servicePrincipals: ['guardduty.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'],
        },
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      [`${ORG_ARN}/service/securityhub.amazonaws.com`, 'FAIL'],
      [`${ORG_ARN}/service/guardduty.amazonaws.com`, 'PASS'],
      [`${ORG_ARN}/service/config.amazonaws.com`, 'PASS'],
    ]);
    expect(results[0]?.message).toContain(
      `AWS Security Hub has trusted access in organization o-aa111bb222 but no delegated administrator: it is administered from management account ${MGMT}`,
    );
    expect(results[1]?.message).toContain(`delegated member account ${SECURITY}`);
    expect(results[2]?.evidence).toEqual({
      service: 'AWS Config',
      servicePrincipals: ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'],
      trustedAccess: ['config.amazonaws.com'],
      delegatedAdministrators: [SECURITY],
    });
  });

  it('should PASS a service with a delegated administrator even when trusted access is not listed', () => {
    const results = run(
      access(),
      org([{ accountId: SECURITY, servicePrincipals: ['inspector2.amazonaws.com'] }]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: `${ORG_ARN}/service/inspector2.amazonaws.com`,
      }),
    ]);
  });

  it('should report nothing when no security service is integrated', () => {
    expect(run(access('ram.amazonaws.com'), org([]))).toEqual([]);
  });

  it('should be one ERROR with the collector’s code when the service access cannot be read', () => {
    const results = run(
      new SnapshotBuilder().setGlobal(
        'organizations.serviceAccess',
        failed('ACCESS_DENIED', 'denied'),
      ),
      org([]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  itNeedsOrganizationContext(check);
});
