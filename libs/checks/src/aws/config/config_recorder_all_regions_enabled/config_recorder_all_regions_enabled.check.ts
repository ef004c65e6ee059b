import { type ConfigRecorder } from '../../../collected/config';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './config_recorder_all_regions_enabled.metadata';

/** What keeps a recorder from meeting the rule (empty: it meets it). */
function gaps(r: ConfigRecorder): string[] {
  const out: string[] = [];
  const g = r.recordingGroup;
  const recordsAll =
    g.allSupported &&
    (g.recordingStrategy ?? 'ALL_SUPPORTED_RESOURCE_TYPES') === 'ALL_SUPPORTED_RESOURCE_TYPES';
  if (!recordsAll) {
    out.push(
      g.exclusionResourceTypes.length > 0
        ? `leaves out ${g.exclusionResourceTypes.length} resource types`
        : `records only ${g.resourceTypes.length} selected resource types`,
    );
  }
  if (r.status?.recording !== true) out.push('is not recording');
  else if (r.status.lastStatus?.toUpperCase() === 'FAILURE') {
    out.push(`failed its last delivery (${r.status.lastErrorCode ?? 'no error code'})`);
  }
  return out;
}

function evidenceOf(r: ConfigRecorder): Record<string, unknown> {
  const g = r.recordingGroup;
  return {
    recorder: r.name,
    allSupported: g.allSupported,
    includeGlobalResourceTypes: g.includeGlobalResourceTypes,
    ...(g.recordingStrategy === undefined ? {} : { recordingStrategy: g.recordingStrategy }),
    ...(g.resourceTypes.length > 0 ? { resourceTypes: g.resourceTypes } : {}),
    ...(g.exclusionResourceTypes.length > 0
      ? { excludedResourceTypes: g.exclusionResourceTypes }
      : {}),
    recording: r.status?.recording ?? false,
    ...(r.status?.lastStatus === undefined ? {} : { lastStatus: r.status.lastStatus }),
    ...(r.servicePrincipal === undefined ? {} : { servicePrincipal: r.servicePrincipal }),
  };
}

export const configRecorderAllRegionsEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const recorders = collected.regional('config.recorders', ctx.region);
  if (!recorders.ok) return [];
  const here = where(ctx);
  const evidence = { recorders: recorders.data.map(evidenceOf) };
  const good = recorders.data.find((r) => gaps(r).length === 0);
  if (good !== undefined) {
    return [
      results.pass(
        results.scopeUid,
        `AWS Config recorder ${good.name} records all supported resources ${here}`,
        evidence,
      ),
    ];
  }
  const message =
    recorders.data.length === 0
      ? `AWS Config has no configuration recorder ${here}`
      : `AWS Config does not record all supported resources ${here}: ${recorders.data
          .map((r) => `recorder ${r.name} ${gaps(r).join(' and ')}`)
          .join('; ')}`;
  return [results.fail(results.scopeUid, message, evidence)];
});
