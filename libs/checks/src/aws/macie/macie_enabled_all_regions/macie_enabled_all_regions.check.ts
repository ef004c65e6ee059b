import { defineCheck } from '../../../framework/check';
import { ResultBuilder, regionCoverage } from '../../../framework/results';
import { metadata } from './macie_enabled_all_regions.metadata';

export const macieEnabledAllRegions = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const statusByRegion: Record<string, string> = {};
  for (const region of ctx.regions.scanned) {
    const outcome = collected.regional('macie.status', region);
    if (!outcome.ok) return [];
    statusByRegion[region] = outcome.data.status;
  }
  const regions = Object.keys(statusByRegion);
  if (regions.length === 0) return [];
  const coverage = regionCoverage(ctx);
  const evidence = { statusByRegion, ...coverage.evidence };
  const off = regions.filter((r) => statusByRegion[r] !== 'ENABLED');
  if (off.length === 0) {
    return [
      results.pass(
        results.scopeUid,
        `Amazon Macie is enabled in all ${regions.length} scanned regions of account ${ctx.accountId}${coverage.note}`,
        evidence,
      ),
    ];
  }
  const listed = off.map((r) => `${r} (${statusByRegion[r]?.toLowerCase()})`).join(', ');
  return [
    results.fail(
      results.scopeUid,
      `Amazon Macie is not enabled in ${off.length} of ${regions.length} scanned regions of account ${ctx.accountId}: ${listed}${coverage.note}`,
      { ...evidence, regionsWithoutMacie: off },
    ),
  ];
});
