import { ALTERNATE_CONTACT_TYPES } from '../../../collected/account';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './account_contact_details_current.metadata';

export const accountContactDetailsCurrent = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const primary = collected.global('account.contactInformation');
  const alternates = collected.global('account.alternateContacts');
  if (!primary.ok || !alternates.ok) return [];
  const alternateContacts: Record<string, unknown> = {};
  const summary: string[] = [];
  for (const type of ALTERNATE_CONTACT_TYPES) {
    const outcome = alternates.data[type];
    const label = type.toLowerCase();
    if (!outcome.ok) {
      alternateContacts[type] = { error: outcome.code, message: outcome.message };
      summary.push(`${label} contact unreadable (${outcome.code})`);
    } else if (outcome.data === null) {
      alternateContacts[type] = 'not set';
      summary.push(`no ${label} contact`);
    } else {
      alternateContacts[type] = outcome.data;
      summary.push(`${label} contact ${outcome.data.emailAddress ?? outcome.data.name ?? 'set'}`);
    }
  }
  const who =
    primary.data === null
      ? 'no primary contact'
      : `primary contact ${primary.data.fullName ?? 'without a name'}${primary.data.companyName === undefined ? '' : ` (${primary.data.companyName})`}`;
  return [
    results.manual(
      results.scopeUid,
      `Account ${ctx.accountId} has ${who}; ${summary.join(', ')} — confirm these details are current`,
      { primaryContact: primary.data, alternateContacts },
    ),
  ];
});
