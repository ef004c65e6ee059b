import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './inspector2_scanning_enabled.metadata';

export const inspector2ScanningEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const status = collected.regional('inspector2.status', ctx.region);
  if (!status.ok) return [];
  const evidence = {
    ...status.data.resourceState,
    ...(status.data.state ? { state: status.data.state } : {}),
  };
  return [
    status.data.status === 'ENABLED'
      ? results.pass(results.scopeUid, `Inspector2 scans ${where(ctx)}`, evidence)
      : results.fail(
          results.scopeUid,
          `Inspector2 does not scan EC2, ECR or Lambda ${where(ctx)}: its vulnerability findings there are missing, not clean`,
          evidence,
        ),
  ];
});
