import { defineCheck } from '../../../framework/check';
import { ResultBuilder, regionCoverage, where } from '../../../framework/results';
import { metadata } from './accessanalyzer_enabled.metadata';

const EXTERNAL_ACCESS = ['ACCOUNT', 'ORGANIZATION'];

export const accessanalyzerEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const analyzers = collected.regional('accessanalyzer.analyzers', ctx.region);
  if (!analyzers.ok) return [];
  const coverage = regionCoverage(ctx);
  const evidence = {
    ...coverage.evidence,
    analyzers: analyzers.data.map((a) => ({
      name: a.name,
      type: a.type,
      status: a.status,
      ...(a.statusReason === undefined ? {} : { statusReason: a.statusReason }),
    })),
  };
  const external = analyzers.data.filter((a) => EXTERNAL_ACCESS.includes(a.type));
  const active = external.find((a) => a.status === 'ACTIVE');
  if (active !== undefined) {
    return [
      results.pass(
        results.scopeUid,
        `IAM Access Analyzer ${active.name} (${active.type}) is active ${where(ctx)}${coverage.note}`,
        evidence,
      ),
    ];
  }
  const seen = external.map(
    (a) => `${a.name} is ${a.status}${a.statusReason === undefined ? '' : ` (${a.statusReason})`}`,
  );
  const detail =
    seen.length > 0
      ? `: ${seen.join(', ')}`
      : analyzers.data.length > 0
        ? ' (only unused or internal access analyzers)'
        : '';
  return [
    results.fail(
      results.scopeUid,
      `No active IAM Access Analyzer external access analyzer ${where(ctx)}${detail}${coverage.note}`,
      evidence,
    ),
  ];
});
