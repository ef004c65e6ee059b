// Evaluates the selected checks over one account's collected data, scope by scope. Pure: the
// scanner collects, then streams what this yields into result batches and its final event.
import { type CheckResult, type ErrorRecord } from '@palisade/contracts';
import { isGlobalKey } from '../collected';
import { type Check } from './check';
import { type CheckContext } from './context';
import { ResultBuilder, accountResource } from './results';
import { type CollectedSnapshot } from './snapshot';

/** One evaluated scope: a check in a region (or `global`), with its results. */
export interface ScopeEvaluation {
  readonly checkId: string;
  readonly region: string;
  readonly results: CheckResult[];
  /** Set when the scope ended in ERROR (a collector failed or the check threw). */
  readonly error?: ErrorRecord;
}

export interface EvaluateInput {
  readonly checks: readonly Check[];
  readonly snapshot: CollectedSnapshot;
  /** The job's context; `region` is set per scope by the runner. */
  readonly context: Omit<CheckContext, 'region'>;
  /** `organization` jobs run only organization-scoped checks; account jobs run the rest. */
  readonly jobScope: 'account' | 'organization';
}

const NO_ORGANIZATION = 'no organization context';

/** The checks a job of this scope evaluates (organization checks belong to the org job). */
export function checksForJob(
  checks: readonly Check[],
  jobScope: 'account' | 'organization',
  sourceKind: 'organization' | 'accounts',
): Check[] {
  return checks.filter((c) =>
    jobScope === 'organization'
      ? c.metadata.scope === 'organization'
      : c.metadata.scope !== 'organization' || sourceKind === 'accounts',
  );
}

/** The (first) failed collected key a check needs in this scope, if any. */
function failedRequirement(
  check: Check,
  snapshot: CollectedSnapshot,
  regions: readonly string[],
): { key: string; region?: string; code: string; message: string } | undefined {
  for (const key of check.metadata.requires) {
    if (isGlobalKey(key)) {
      const outcome = snapshot.global(key);
      if (!outcome.ok) return { key, code: outcome.code, message: outcome.message };
      continue;
    }
    for (const region of regions) {
      const outcome = snapshot.regional(key, region);
      if (!outcome.ok) return { key, region, code: outcome.code, message: outcome.message };
    }
  }
  return undefined;
}

function evaluateScope(
  check: Check,
  input: EvaluateInput,
  region: string,
  regionsRead: readonly string[],
): ScopeEvaluation {
  const ctx: CheckContext = { ...input.context, region };
  const results = new ResultBuilder(check.metadata, ctx);
  const checkId = check.metadata.id;
  const failed = failedRequirement(check, input.snapshot, regionsRead);
  if (failed !== undefined) {
    const at = failed.region === undefined ? '' : ` in ${failed.region}`;
    const message = `${failed.key}${at} could not be collected: ${failed.message}`;
    return {
      checkId,
      region,
      results: [results.error(results.scopeUid, failed.code, message)],
      error: {
        ...(region === 'global' ? {} : { region }),
        checkId,
        collector: failed.key,
        code: failed.code,
        message: message.slice(0, 2000),
      },
    };
  }
  try {
    const evaluated = check.evaluate(input.snapshot, ctx);
    const stray = evaluated.find((r) => r.region !== region || r.checkId !== checkId);
    if (stray !== undefined) {
      throw new Error(
        `a result of scope ${checkId}@${region} says ${stray.checkId}@${stray.region}`,
      );
    }
    return { checkId, region, results: evaluated };
  } catch (err) {
    const message = `the check failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      checkId,
      region,
      results: [results.error(results.scopeUid, 'CHECK_FAILED', message)],
      error: {
        ...(region === 'global' ? {} : { region }),
        checkId,
        code: 'CHECK_FAILED',
        message: message.slice(0, 2000),
      },
    };
  }
}

/**
 * Yields one evaluation per (check, scope). The caller may stop between yields (a cancelled
 * scan stops at the next check boundary).
 */
export function* evaluateChecks(input: EvaluateInput): Generator<ScopeEvaluation> {
  const { context } = input;
  for (const check of checksForJob(input.checks, input.jobScope, context.sourceKind)) {
    const meta = check.metadata;
    if (meta.scope === 'organization' && input.jobScope === 'account') {
      const ctx: CheckContext = { ...context, region: 'global' };
      const results = new ResultBuilder(meta, ctx);
      yield {
        checkId: meta.id,
        region: 'global',
        results: [
          results.manual(
            accountResource(ctx, meta.service),
            `${meta.title}: ${NO_ORGANIZATION} — account ${ctx.accountId} is scanned from an accounts source, so a person must judge this requirement`,
            { reason: NO_ORGANIZATION },
          ),
        ],
      };
      continue;
    }
    if (meta.scope === 'region') {
      for (const region of context.regions.scanned) {
        yield evaluateScope(check, input, region, [region]);
      }
      continue;
    }
    yield evaluateScope(check, input, 'global', context.regions.scanned);
  }
}
