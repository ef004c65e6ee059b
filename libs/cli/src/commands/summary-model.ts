import { type ScanReportModel } from '@palisade/api';
import { type ScanSummaryModel, SUMMARY_SEVERITIES } from '../presentation';

const add = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
  Object.fromEntries(SUMMARY_SEVERITIES.map((s) => [s, (a[s] ?? 0) + (b[s] ?? 0)]));

/**
 * The terminal summary from the report model (the same numbers the HTML report shows): per
 * account pass / fail / error / manual, the totals, open failures by severity (check results
 * and Inspector2 together: what `--fail-on` judges) and the failing requirements reaching the
 * most accounts.
 */
export function summaryFromReport(report: ScanReportModel, durationMs: number): ScanSummaryModel {
  const posture = report.totals.posture;
  return {
    scanId: report.scan.id,
    status: report.scan.status,
    durationMs,
    accounts: report.accounts.map((account) => ({
      accountId: account.accountId,
      ...(account.name === null ? {} : { name: account.name }),
      ...(account.ouPath === null ? {} : { ouPath: account.ouPath }),
      pass: account.posture.passed,
      fail: account.posture.failed,
      error: account.posture.errored,
      manual: account.posture.manual,
    })),
    totals: {
      pass: posture.passed,
      fail: posture.failed,
      error: posture.errored,
      manual: posture.manual,
    },
    openBySeverity: add(
      report.openBySeverity.checks,
      report.openBySeverity.inspector,
    ) as ScanSummaryModel['openBySeverity'],
    topFailing: report.failingRequirements
      .flatMap((framework) =>
        framework.requirements.map((requirement) => ({
          frameworkId: framework.id,
          requirementId: requirement.id,
          title: requirement.title,
          accounts: requirement.failingAccounts.length,
          findings: requirement.findings,
        })),
      )
      .sort((a, b) => b.accounts - a.accounts || b.findings - a.findings),
  };
}
