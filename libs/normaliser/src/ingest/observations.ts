import { type CheckResult, type FindingsRaw, type InspectorFinding } from '@palisade/contracts';
import {
  checkFindingUid,
  inspectorFindingUid,
  type FindingSeverity,
  type ObservedOutcome,
} from '@palisade/findings';
import { type StoredScope } from '../store/resolution-gate';

/** One result or Inspector2 finding of a batch, with its identity and observation time. */
export type Observed = {
  readonly uid: string;
  readonly outcome: ObservedOutcome;
  readonly observedAt: Date;
  readonly batch: FindingsRaw;
} & (
  | { readonly kind: 'check'; readonly result: CheckResult }
  | { readonly kind: 'inspector'; readonly finding: InspectorFinding }
);

/** The partition of an ARN (`arn:<partition>:…`), or undefined for a resource that is not one. */
export function partitionOf(resourceUid: string): string | undefined {
  const match = /^arn:(aws[a-z-]*):/.exec(resourceUid);
  return match?.[1];
}

const INSPECTOR_SEVERITY: Record<InspectorFinding['severity'], FindingSeverity> = {
  INFORMATIONAL: 'informational',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
  UNTRIAGED: 'unknown',
};

export function inspectorSeverity(severity: InspectorFinding['severity']): FindingSeverity {
  return INSPECTOR_SEVERITY[severity];
}

/**
 * Every result of the batches, keyed by uid: when one uid is observed more than once, the
 * latest observation wins (a later position in the input breaks ties). Check results are
 * observed at their batch's time; Inspector2 findings at Inspector's own `updatedAt`.
 */
export function observationsOf(batches: readonly FindingsRaw[], tenantId: string): Observed[] {
  const byUid = new Map<string, Observed>();
  const keep = (o: Observed) => {
    const seen = byUid.get(o.uid);
    if (seen === undefined || seen.observedAt.getTime() <= o.observedAt.getTime()) {
      byUid.set(o.uid, o);
    }
  };
  for (const batch of batches) {
    if (batch.kind === 'check-results') {
      const observedAt = new Date(batch.producedAt);
      for (const result of batch.results) {
        keep({
          kind: 'check',
          uid: checkFindingUid({
            tenantId,
            provider: partitionOf(result.resourceUid) ?? 'aws',
            accountId: batch.accountId,
            region: result.region,
            checkId: result.checkId,
            resourceUid: result.resourceUid,
          }),
          outcome: result.status,
          observedAt,
          batch,
          result,
        });
      }
    } else {
      for (const finding of batch.findings) {
        keep({
          kind: 'inspector',
          uid: inspectorFindingUid(tenantId, finding.findingArn),
          outcome: finding.status,
          observedAt: new Date(finding.updatedAt),
          batch,
          finding,
        });
      }
    }
  }
  return [...byUid.values()];
}

/**
 * Per job, the results each (region, check) scope received in these batches — every result
 * counts, duplicates included, because the final event counts what the scanner sent — and
 * whether any of them was an ERROR.
 */
export function storedScopesByJob(batches: readonly FindingsRaw[]): Map<string, StoredScope[]> {
  type Counting = { region: string; checkId: string; count: number; errored: boolean };
  const byJob = new Map<string, Map<string, Counting>>();
  for (const batch of batches) {
    if (batch.kind !== 'check-results') continue;
    let scopes = byJob.get(batch.jobId);
    if (!scopes) byJob.set(batch.jobId, (scopes = new Map<string, Counting>()));
    for (const r of batch.results) {
      const key = `${r.region}|${r.checkId}`;
      const scope = scopes.get(key);
      if (scope) {
        scope.count += 1;
        scope.errored ||= r.status === 'ERROR';
      } else {
        scopes.set(key, {
          region: r.region,
          checkId: r.checkId,
          count: 1,
          errored: r.status === 'ERROR',
        });
      }
    }
  }
  return new Map([...byJob].map(([job, scopes]) => [job, [...scopes.values()]]));
}
