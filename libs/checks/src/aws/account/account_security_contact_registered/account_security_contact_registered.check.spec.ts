import { type AccountAlternateContact } from '../../../collected/account';
import { runCheck } from '../../../framework/check-kit';
import { type Outcome, failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountSecurityContactRegistered } from './account_security_contact_registered.check';

function run(security: Outcome<AccountAlternateContact | null>) {
  return runCheck(
    accountSecurityContactRegistered,
    new SnapshotBuilder().setGlobal(
      'account.alternateContacts',
      ok({ SECURITY: security, BILLING: ok(null), OPERATIONS: ok(null) }),
    ),
  );
}

describe('account_security_contact_registered', () => {
  it('should PASS when a security alternate contact is set', () => {
    const results = run(
      ok({ name: 'Sec Team', title: 'CISO', emailAddress: 'sec@example.com', phoneNumber: '+1' }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:account::111122223333:account',
        evidence: { securityContact: { name: 'Sec Team', emailAddress: 'sec@example.com' } },
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Account 111122223333 has a security alternate contact: Sec Team, sec@example.com',
    );
  });

  it('should FAIL when no security contact is set (ResourceNotFoundException)', () => {
    expect(run(ok(null))).toEqual([
      expect.objectContaining({ status: 'FAIL', evidence: { securityContact: null } }),
    ]);
  });

  it('should be ERROR with the code when the security contact cannot be read', () => {
    expect(run(failed('ACCESS_DENIED', 'no account:GetAlternateContact'))).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        message: expect.stringContaining('could not read the security alternate contact') as string,
      }),
    ]);
  });

  it('should be one ERROR when the collector failed', () => {
    const results = runCheck(
      accountSecurityContactRegistered,
      new SnapshotBuilder().setGlobal('account.alternateContacts', failed('THROTTLED', 'slow')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED' })]);
  });

  it('should judge the account (one result) whatever the other contact types say', () => {
    const results = runCheck(
      accountSecurityContactRegistered,
      new SnapshotBuilder().setGlobal(
        'account.alternateContacts',
        ok({
          SECURITY: ok(null),
          BILLING: failed('ACCESS_DENIED', 'denied'),
          OPERATIONS: ok({ name: 'Ops' }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });
});
