import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { ownTrailsHomedIn } from '../trail-coverage';
import { metadata } from './cloudtrail_log_file_validation_enabled.metadata';

export const cloudtrailLogFileValidationEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const trails = collected.regional('cloudtrail.trails', ctx.region);
  if (!trails.ok) return [];
  const here = where(ctx);
  return ownTrailsHomedIn(trails.data, ctx).map((t) => {
    const evidence = { multiRegion: t.isMultiRegion, organizationTrail: t.isOrganizationTrail };
    return t.logFileValidationEnabled
      ? results.pass(t.arn, `Trail ${t.name} ${here} has log file validation enabled`, evidence)
      : results.fail(t.arn, `Trail ${t.name} ${here} does not validate its log files`, evidence);
  });
});
