import { defineCheck } from '../../../framework/check';
import { ResultBuilder, regionCoverage, where } from '../../../framework/results';
import { metadata } from './securityhub_enabled.metadata';

export const securityhubEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const hub = collected.regional('securityhub.hub', ctx.region);
  if (!hub.ok) return [];
  const coverage = regionCoverage(ctx);
  if (hub.data === null) {
    return [
      results.fail(
        results.scopeUid,
        `Security Hub is not enabled ${where(ctx)}${coverage.note}`,
        coverage.evidence,
      ),
    ];
  }
  const evidence = { ...coverage.evidence, hubArn: hub.data.hubArn };
  return [
    results.pass(
      results.scopeUid,
      `Security Hub is enabled ${where(ctx)}${hub.data.subscribedAt === undefined ? '' : ` since ${hub.data.subscribedAt}`}${coverage.note}`,
      hub.data.subscribedAt === undefined
        ? evidence
        : { ...evidence, subscribedAt: hub.data.subscribedAt },
    ),
  ];
});
