import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { rootArn } from '../iam-shared';
import { metadata } from './iam_root_access_key_absent.metadata';

export const iamRootAccessKeyAbsent = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const summary = collected.global('iam.accountSummary');
  if (!summary.ok) return [];
  const evidence = {
    AccountAccessKeysPresent: summary.data.summaryMap.AccountAccessKeysPresent ?? 0,
  };
  return [
    summary.data.accountAccessKeysPresent
      ? results.fail(
          rootArn(ctx),
          `The root user of account ${ctx.accountId} has an access key`,
          evidence,
        )
      : results.pass(
          rootArn(ctx),
          `The root user of account ${ctx.accountId} has no access key`,
          evidence,
        ),
  ];
});
