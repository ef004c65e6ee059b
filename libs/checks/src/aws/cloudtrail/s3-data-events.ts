// CIS 4.8 / 4.9: S3 object-level write (read) events are recorded for every bucket. A bucket's
// data events are recorded by a trail that applies to the bucket's region, so each scanned
// region must be covered by a logging trail listed there (a multi-region trail covers them all).
import { type CheckResult } from '@palisade/contracts';
import { type Trail } from '../../collected/cloudtrail';
import { type CheckMetadata } from '../../framework/metadata';
import { type CheckContext } from '../../framework/context';
import { type Outcome } from '../../framework/outcome';
import { ResultBuilder, regionCoverage, where } from '../../framework/results';
import { type CollectedSnapshot } from '../../framework/snapshot';
import { s3DataEventCoverage } from './trail-coverage';

type Failure = Extract<Outcome<unknown>, { ok: false }>;

/** How one trail stands: records the events, cannot (a known gap), or could not be read. */
function standing(
  t: Trail,
  mode: 'read' | 'write',
  partition: string,
): 'records' | 'gap' | Failure {
  if (t.status.ok && !t.status.data.isLogging) return 'gap';
  if (t.eventSelectors.ok && !s3DataEventCoverage(t.eventSelectors.data, partition)[mode]) {
    return 'gap';
  }
  if (!t.status.ok) return t.status;
  if (!t.eventSelectors.ok) return t.eventSelectors;
  return 'records';
}

export function s3DataEventResults(
  meta: Pick<CheckMetadata, 'id' | 'resourceType' | 'service'>,
  mode: 'read' | 'write',
  collected: CollectedSnapshot,
  ctx: CheckContext,
): CheckResult[] {
  const results = new ResultBuilder(meta, ctx);
  const recordedBy = new Set<string>();
  const uncovered: string[] = [];
  const undetermined: { region: string; trail: string; failure: Failure }[] = [];
  for (const region of ctx.regions.scanned) {
    const trails = collected.regional('cloudtrail.trails', region);
    if (!trails.ok) return [];
    const standings = trails.data.map((t) => ({ t, s: standing(t, mode, ctx.partition) }));
    const recording = standings.filter((x) => x.s === 'records');
    if (recording.length > 0) {
      for (const { t } of recording) recordedBy.add(t.name);
      continue;
    }
    const [unread] = standings.flatMap(({ t, s }) => (typeof s === 'object' ? [{ t, s }] : []));
    if (unread === undefined) uncovered.push(region);
    else undetermined.push({ region, trail: unread.t.name, failure: unread.s });
  }
  const coverage = regionCoverage(ctx);
  const here = where(ctx);
  const events = `S3 object-level ${mode} events`;
  const evidence = {
    ...coverage.evidence,
    recordedBy: [...recordedBy].sort(),
    regionsNotCovered: uncovered,
    ...(undetermined.length > 0
      ? { regionsUndetermined: undetermined.map((u) => ({ region: u.region, trail: u.trail })) }
      : {}),
  };
  if (uncovered.length > 0) {
    return [
      results.fail(
        results.scopeUid,
        `${events} are not recorded for every bucket ${here}: no logging trail records them in ${uncovered.join(', ')}${coverage.note}`,
        evidence,
      ),
    ];
  }
  const [first] = undetermined;
  if (first !== undefined) {
    return [
      results.errorOf(
        results.scopeUid,
        first.failure,
        `the status or event selectors of trail ${first.trail} (listed in ${first.region}) ${here}`,
        evidence,
      ),
    ];
  }
  return [
    results.pass(
      results.scopeUid,
      `${events} are recorded for every bucket ${here} by trail ${[...recordedBy].sort().join(', ')}${coverage.note}`,
      evidence,
    ),
  ];
}
