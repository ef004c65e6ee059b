import { type CredentialReportEntry } from '../../../collected/iam';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { dateOf, daysBefore, moreThanDaysBefore } from '../iam-shared';
import { metadata } from './iam_user_unused_credentials_disabled.metadata';

interface Credential {
  credential: string;
  lastUsed: string | null;
  /** The date the rule measures from: the last use, else when the credential was created. */
  since: string | null;
}

function credentialsOf(user: CredentialReportEntry): Credential[] {
  const credentials: Credential[] = [];
  if (user.passwordEnabled === true) {
    credentials.push({
      credential: 'console password',
      lastUsed: user.passwordLastUsed,
      since: user.passwordLastUsed ?? user.passwordLastChanged ?? user.userCreationTime,
    });
  }
  for (const key of user.accessKeys.filter((k) => k.active)) {
    credentials.push({
      credential: `access key ${key.slot}`,
      lastUsed: key.lastUsed,
      since: key.lastUsed ?? key.lastRotated,
    });
  }
  return credentials;
}

export const iamUserUnusedCredentialsDisabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const report = collected.global('iam.credentialReport');
  if (!report.ok) return [];
  const days = ctx.settings['iam.unusedCredentialDays'];
  return report.data.users.map((user) => {
    const credentials = credentialsOf(user);
    const dated = credentials.flatMap((c) => (c.since === null ? [] : [{ ...c, since: c.since }]));
    const undated = credentials.filter((c) => c.since === null);
    if (undated.length > 0) {
      return results.error(
        user.arn,
        'CREDENTIAL_DATE_UNKNOWN',
        `The credential report gives no use or creation date for the ${undated.map((c) => c.credential).join(' and ')} of IAM user ${user.user} in account ${ctx.accountId}`,
      );
    }
    const evidence = {
      unusedDaysAllowed: days,
      credentials: dated.map((c) => ({
        credential: c.credential,
        lastUsed: c.lastUsed,
        daysUnused: daysBefore(c.since, ctx.now),
      })),
    };
    const unused = dated.filter((c) => moreThanDaysBefore(c.since, days, ctx.now));
    if (unused.length > 0) {
      const described = unused.map((c) =>
        c.lastUsed === null
          ? `${c.credential} never used since ${dateOf(c.since)}`
          : `${c.credential} last used ${dateOf(c.lastUsed)}`,
      );
      return results.fail(
        user.arn,
        `IAM user ${user.user} of account ${ctx.accountId} has credentials unused for more than ${days} days: ${described.join('; ')}`,
        evidence,
      );
    }
    return results.pass(
      user.arn,
      dated.length === 0
        ? `IAM user ${user.user} of account ${ctx.accountId} has no console password and no active access key`
        : `Every credential of IAM user ${user.user} of account ${ctx.accountId} was used within ${days} days`,
      evidence,
    );
  });
});
