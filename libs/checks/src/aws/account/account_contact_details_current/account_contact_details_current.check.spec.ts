import { type AccountGlobal } from '../../../collected/account';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountContactDetailsCurrent } from './account_contact_details_current.check';

const SECURITY = {
  name: 'Sec Team',
  title: 'CISO',
  emailAddress: 'sec@example.com',
  phoneNumber: '+1 555 0100',
};

function snapshot(
  primary: AccountGlobal['account.contactInformation'],
  alternates: AccountGlobal['account.alternateContacts'],
) {
  return new SnapshotBuilder()
    .setGlobal('account.contactInformation', ok(primary))
    .setGlobal('account.alternateContacts', ok(alternates));
}

describe('account_contact_details_current', () => {
  it('should be MANUAL with the primary and every alternate contact as evidence', () => {
    const results = runCheck(
      accountContactDetailsCurrent,
      snapshot(
        {
          fullName: 'Jane Doe',
          companyName: 'Example Corp',
          countryCode: 'US',
          phoneNumber: '+15555550100',
        },
        {
          SECURITY: ok(SECURITY),
          BILLING: ok(null),
          OPERATIONS: failed('ACCESS_DENIED', 'denied'),
        },
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        resourceUid: 'arn:aws:account::111122223333:account',
        resourceType: 'AwsAccount',
        evidence: {
          primaryContact: {
            fullName: 'Jane Doe',
            companyName: 'Example Corp',
            countryCode: 'US',
            phoneNumber: '+15555550100',
          },
          alternateContacts: {
            BILLING: 'not set',
            OPERATIONS: { error: 'ACCESS_DENIED', message: 'denied' },
            SECURITY,
          },
        },
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Account 111122223333 has primary contact Jane Doe (Example Corp); no billing contact, operations contact unreadable (ACCESS_DENIED), security contact sec@example.com — confirm these details are current',
    );
  });

  it('should still be MANUAL (never PASS or FAIL) when no contact is set at all', () => {
    const results = runCheck(
      accountContactDetailsCurrent,
      snapshot(null, { SECURITY: ok(null), BILLING: ok(null), OPERATIONS: ok(null) }),
    );
    expect(results.map((r) => r.status)).toEqual(['MANUAL']);
    expect(results[0]?.message).toContain('has no primary contact; no billing contact');
  });

  it('should be one ERROR when the primary contact cannot be read', () => {
    const results = runCheck(
      accountContactDetailsCurrent,
      new SnapshotBuilder()
        .setGlobal(
          'account.contactInformation',
          failed('ACCESS_DENIED', 'no account:GetContactInformation'),
        )
        .setGlobal(
          'account.alternateContacts',
          ok({ SECURITY: ok(null), BILLING: ok(null), OPERATIONS: ok(null) }),
        ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });
});
