import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './account_security_contact_registered.metadata';

export const accountSecurityContactRegistered = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const contacts = collected.global('account.alternateContacts');
  if (!contacts.ok) return [];
  const security = contacts.data.SECURITY;
  if (!security.ok) {
    return [
      results.errorOf(
        results.scopeUid,
        security,
        `the security alternate contact of account ${ctx.accountId}`,
      ),
    ];
  }
  if (security.data === null) {
    return [
      results.fail(results.scopeUid, `Account ${ctx.accountId} has no security alternate contact`, {
        securityContact: null,
      }),
    ];
  }
  const { name, emailAddress } = security.data;
  return [
    results.pass(
      results.scopeUid,
      `Account ${ctx.accountId} has a security alternate contact: ${[name, emailAddress].filter((v) => v !== undefined).join(', ')}`,
      { securityContact: { name: name ?? null, emailAddress: emailAddress ?? null } },
    ),
  ];
});
