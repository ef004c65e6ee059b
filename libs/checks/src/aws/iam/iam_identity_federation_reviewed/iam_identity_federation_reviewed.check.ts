import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './iam_identity_federation_reviewed.metadata';

/** IAM Identity Center creates `AWSSSO_<id>_DO_NOT_DELETE` SAML providers in the accounts it serves. */
const IDENTITY_CENTER_PROVIDER = /:saml-provider\/AWSSSO_/;

export const iamIdentityFederationReviewed = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const providers = collected.global('iam.identityProviders');
  const report = collected.global('iam.credentialReport');
  if (!providers.ok || !report.ok) return [];
  const { saml, oidc } = providers.data;
  const users = report.data.users;
  const withPassword = users.filter((u) => u.passwordEnabled === true).map((u) => u.user);
  const withKeys = users.filter((u) => u.accessKeys.some((k) => k.active)).map((u) => u.user);
  const identityCenter = saml.some((p) => IDENTITY_CENTER_PROVIDER.test(p.arn));
  const federation = identityCenter
    ? 'IAM Identity Center'
    : saml.length > 0
      ? `${saml.length} SAML provider${saml.length === 1 ? '' : 's'}`
      : 'no SAML provider';
  return [
    results.manual(
      results.scopeUid,
      `Account ${ctx.accountId} has ${federation}, ${oidc.length} OpenID Connect provider${oidc.length === 1 ? '' : 's'} and ${users.length} IAM user${users.length === 1 ? '' : 's'} (${withPassword.length} with a console password, ${withKeys.length} with an active access key) — decide whether people sign in centrally`,
      {
        samlProviders: saml,
        oidcProviders: oidc.map((p) => p.arn),
        identityCenter,
        iamUsers: users.length,
        usersWithConsolePassword: withPassword,
        usersWithActiveAccessKeys: withKeys,
        sourceKind: ctx.sourceKind,
      },
    ),
  ];
});
