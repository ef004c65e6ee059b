import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './iam_user_console_mfa_enabled.metadata';

export const iamUserConsoleMfaEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const report = collected.global('iam.credentialReport');
  if (!report.ok) return [];
  return report.data.users
    .filter((u) => u.passwordEnabled === true)
    .map((u) => {
      const evidence = { passwordLastUsed: u.passwordLastUsed, mfaActive: u.mfaActive };
      return u.mfaActive
        ? results.pass(
            u.arn,
            `IAM user ${u.user} of account ${ctx.accountId} has a console password and MFA`,
            evidence,
          )
        : results.fail(
            u.arn,
            `IAM user ${u.user} of account ${ctx.accountId} has a console password and no MFA`,
            evidence,
          );
    });
});
