// iam.accountSummary: GetAccountSummary, whose map carries the root user's MFA and access keys.
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { defineCollector } from '../../framework/collector';

export const iamAccountSummaryCollector = defineCollector({
  key: 'iam.accountSummary',
  scope: 'global',
  operations: ['iam:GetAccountSummary'],
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'iam');
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    if (SummaryMap === undefined) throw new Error('GetAccountSummary returned no summary map');
    const summaryMap: Record<string, number> = {};
    for (const [key, value] of Object.entries(SummaryMap)) {
      if (typeof value === 'number') summaryMap[key] = value;
    }
    const flag = (key: string) => (summaryMap[key] ?? 0) > 0;
    return {
      accountMfaEnabled: flag('AccountMFAEnabled'),
      accountAccessKeysPresent: flag('AccountAccessKeysPresent'),
      accountSigningCertificatesPresent: flag('AccountSigningCertificatesPresent'),
      summaryMap,
    };
  },
});
