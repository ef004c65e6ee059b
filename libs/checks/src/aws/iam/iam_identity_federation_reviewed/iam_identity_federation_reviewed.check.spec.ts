import { type IamIdentityProviders } from '../../../collected/iam';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { credentialReport, reportRow } from '../iam-fixtures';
import { iamIdentityFederationReviewed } from './iam_identity_federation_reviewed.check';

const SSO = 'arn:aws:iam::111122223333:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE';

function snapshot(providers: IamIdentityProviders, users = [reportRow('alice')]) {
  return new SnapshotBuilder()
    .setGlobal('iam.identityProviders', ok(providers))
    .setGlobal('iam.credentialReport', ok(credentialReport(users)));
}

describe('iam_identity_federation_reviewed', () => {
  it('should be MANUAL with the providers and the IAM users that hold credentials', () => {
    const results = runCheck(
      iamIdentityFederationReviewed,
      snapshot(
        {
          saml: [{ arn: SSO, createDate: null, validUntil: '2030-01-01T00:00:00.000Z' }],
          oidc: [
            { arn: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          ],
        },
        [
          reportRow('break-glass', { passwordEnabled: true, mfaActive: true }),
          reportRow('ci', { key1: { active: true } }),
          reportRow('idle'),
        ],
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        resourceUid: 'arn:aws:iam::111122223333:account',
        evidence: expect.objectContaining({
          identityCenter: true,
          iamUsers: 3,
          usersWithConsolePassword: ['break-glass'],
          usersWithActiveAccessKeys: ['ci'],
          sourceKind: 'organization',
        }) as object,
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Account 111122223333 has IAM Identity Center, 1 OpenID Connect provider and 3 IAM users (1 with a console password, 1 with an active access key) — decide whether people sign in centrally',
    );
  });

  it('should count plain SAML providers and say when there is none', () => {
    const withSaml = runCheck(
      iamIdentityFederationReviewed,
      snapshot({
        saml: [
          {
            arn: 'arn:aws:iam::111122223333:saml-provider/okta',
            createDate: null,
            validUntil: null,
          },
        ],
        oidc: [],
      }),
      checkContext({ sourceKind: 'accounts' }),
    );
    expect(withSaml[0]?.message).toContain('has 1 SAML provider, 0 OpenID Connect providers');
    expect(withSaml[0]?.evidence).toMatchObject({ identityCenter: false, sourceKind: 'accounts' });
    const none = runCheck(iamIdentityFederationReviewed, snapshot({ saml: [], oidc: [] }, []));
    expect(none[0]?.message).toContain(
      'has no SAML provider, 0 OpenID Connect providers and 0 IAM users',
    );
    expect(none[0]?.status).toBe('MANUAL');
  });

  it('should be one ERROR when the providers cannot be listed', () => {
    const results = runCheck(
      iamIdentityFederationReviewed,
      new SnapshotBuilder()
        .setGlobal('iam.identityProviders', failed('ACCESS_DENIED', 'denied'))
        .setGlobal('iam.credentialReport', ok(credentialReport([]))),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });
});
