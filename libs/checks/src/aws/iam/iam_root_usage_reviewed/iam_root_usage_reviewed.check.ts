import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { dateOf, daysBefore, rootArn } from '../iam-shared';
import { metadata } from './iam_root_usage_reviewed.metadata';

export const iamRootUsageReviewed = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const report = collected.global('iam.credentialReport');
  const summary = collected.global('iam.accountSummary');
  if (!report.ok || !summary.ok) return [];
  const root = report.data.root;
  const facts = {
    accountMfaEnabled: summary.data.accountMfaEnabled,
    accountAccessKeysPresent: summary.data.accountAccessKeysPresent,
  };
  if (root === null) {
    return [
      results.manual(
        rootArn(ctx),
        `The credential report of account ${ctx.accountId} has no root user row; the root user has MFA: ${facts.accountMfaEnabled ? 'yes' : 'no'}, access keys: ${facts.accountAccessKeysPresent ? 'yes' : 'no'} — review the root user’s use in CloudTrail`,
        { credentialReportRootRow: null, ...facts },
      ),
    ];
  }
  const use = (what: string, iso: string | null) =>
    iso === null
      ? `${what} never used`
      : `${what} last used ${dateOf(iso)} (${daysBefore(iso, ctx.now)} days ago)`;
  const keys = root.accessKeys.filter((k) => k.active || k.lastUsed !== null);
  const uses = [
    use('password', root.passwordLastUsed),
    ...keys.map((k) => use(`access key ${k.slot}`, k.lastUsed)),
  ];
  return [
    results.manual(
      rootArn(ctx),
      `The root user of account ${ctx.accountId}: ${uses.join('; ')} — decide whether this use was a task only the root user can perform`,
      {
        passwordLastUsed: root.passwordLastUsed,
        daysSincePasswordUse:
          root.passwordLastUsed === null ? null : daysBefore(root.passwordLastUsed, ctx.now),
        accessKeys: keys.map((k) => ({
          slot: k.slot,
          active: k.active,
          lastUsed: k.lastUsed,
          lastUsedRegion: k.lastUsedRegion,
          lastUsedService: k.lastUsedService,
        })),
        mfaActive: root.mfaActive,
        reportGeneratedAt: report.data.generatedAt,
        ...facts,
      },
    ),
  ];
});
