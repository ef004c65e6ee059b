import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { rootArn } from '../iam-shared';
import { metadata } from './iam_root_mfa_enabled.metadata';

export const iamRootMfaEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const summary = collected.global('iam.accountSummary');
  if (!summary.ok) return [];
  const evidence = { AccountMFAEnabled: summary.data.summaryMap.AccountMFAEnabled ?? 0 };
  return [
    summary.data.accountMfaEnabled
      ? results.pass(rootArn(ctx), `The root user of account ${ctx.accountId} has MFA`, evidence)
      : results.fail(
          rootArn(ctx),
          `The root user of account ${ctx.accountId} has no MFA device`,
          evidence,
        ),
  ];
});
