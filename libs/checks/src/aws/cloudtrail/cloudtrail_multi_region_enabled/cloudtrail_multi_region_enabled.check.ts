import { type Trail } from '../../../collected/cloudtrail';
import { defineCheck } from '../../../framework/check';
import { type Outcome } from '../../../framework/outcome';
import { ResultBuilder, regionCoverage, where } from '../../../framework/results';
import { managementCoverage } from '../trail-coverage';
import { metadata } from './cloudtrail_multi_region_enabled.metadata';

/** Every trail listed in the scanned regions, once each (a multi-region trail is in all). */
function distinctTrails(lists: readonly (readonly Trail[])[]): Trail[] {
  const byArn = new Map<string, Trail>();
  for (const list of lists) for (const t of list) if (!byArn.has(t.arn)) byArn.set(t.arn, t);
  return [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

interface Assessment {
  trail: Trail;
  /** What the trail lacks, as far as it could be read. */
  gaps: string[];
  /** The first of its status and event selectors that could not be read. */
  unreadable?: Extract<Outcome<unknown>, { ok: false }>;
  evidence: Record<string, unknown>;
}

function assess(trail: Trail): Assessment {
  const evidence: Record<string, unknown> = {
    trail: trail.name,
    arn: trail.arn,
    homeRegion: trail.homeRegion,
    organizationTrail: trail.isOrganizationTrail,
  };
  const gaps: string[] = [];
  if (trail.status.ok) {
    evidence.isLogging = trail.status.data.isLogging;
    if (!trail.status.data.isLogging) gaps.push('is not logging');
  }
  if (trail.eventSelectors.ok) {
    const m = managementCoverage(trail.eventSelectors.data);
    evidence.managementEvents = { read: m.read, write: m.write };
    if (m.excludedSources.length > 0) evidence.excludedEventSources = m.excludedSources;
    const missing = [m.read ? '' : 'read', m.write ? '' : 'write'].filter((s) => s !== '');
    if (missing.length > 0) gaps.push(`does not record ${missing.join(' and ')} management events`);
  }
  const unreadable = !trail.status.ok
    ? trail.status
    : !trail.eventSelectors.ok
      ? trail.eventSelectors
      : undefined;
  return unreadable === undefined
    ? { trail, gaps, evidence }
    : { trail, gaps, unreadable, evidence };
}

export const cloudtrailMultiRegionEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const lists: Trail[][] = [];
  for (const region of ctx.regions.scanned) {
    const trails = collected.regional('cloudtrail.trails', region);
    if (!trails.ok) return [];
    lists.push(trails.data);
  }
  const coverage = regionCoverage(ctx);
  const here = where(ctx);
  const assessed = distinctTrails(lists)
    .filter((t) => t.isMultiRegion)
    .map(assess);
  const evidence = { ...coverage.evidence, trails: assessed.map((a) => a.evidence) };
  const passing = assessed.filter((a) => a.unreadable === undefined && a.gaps.length === 0);
  if (passing.length > 0) {
    const names = passing.map((a) => a.trail.name).join(', ');
    return [
      results.pass(
        results.scopeUid,
        `Multi-region trail ${names} is logging all management events ${here}${coverage.note}`,
        evidence,
      ),
    ];
  }
  // A trail that might pass but could not be read leaves the answer open: ERROR, never FAIL.
  for (const a of assessed) {
    if (a.unreadable !== undefined && a.gaps.length === 0) {
      return [
        results.errorOf(
          results.scopeUid,
          a.unreadable,
          `the status or event selectors of multi-region trail ${a.trail.name} (home ${a.trail.homeRegion}) ${here}`,
          evidence,
        ),
      ];
    }
  }
  const message =
    assessed.length === 0
      ? `No multi-region CloudTrail trail exists ${here}${coverage.note}`
      : `No multi-region trail ${here} is logging all management events: ${assessed
          .map((a) => `${a.trail.name} ${a.gaps.join(' and ')}`)
          .join('; ')}${coverage.note}`;
  return [results.fail(results.scopeUid, message, evidence)];
});
