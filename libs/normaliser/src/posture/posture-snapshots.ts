import { ALL_CHECKS } from '@palisade/checks';
import { type CheckStatus } from '@palisade/contracts';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { foldPostureCounts, type PostureKey } from './posture-fold';

/** What a snapshot write covers. */
export interface PostureSnapshotScope {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Only these accounts (e.g. a closed scan's); every account of the tenant when absent. */
  readonly accountIds?: readonly string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

let frameworksByCheck: ReadonlyMap<string, readonly string[]> | undefined;

/** Framework ids of a check: the keys of its metadata's `compliance` (none for an unknown check). */
function frameworksOf(checkId: string): readonly string[] {
  frameworksByCheck ??= new Map(
    ALL_CHECKS.map((check) => [check.metadata.id, Object.keys(check.metadata.compliance)]),
  );
  return frameworksByCheck.get(checkId) ?? [];
}

interface CountRow {
  account_id: string;
  check_id: string;
  compliance: CheckStatus;
  suppressed: boolean;
  n: number;
}

interface KeyRow {
  account_id: string;
  framework: string;
}

/**
 * Writes the tenant's posture snapshot of `scope.day` from its current check findings, in the
 * caller's tenant transaction; returns the rows upserted. Counted: every check finding by its
 * last result, except resolved ones whose last result is not PASS (resolved because the resource
 * is gone: it is in no posture any more). Suppressed findings count only in `suppressed`.
 *
 * Rewriting a day replaces its counts. An (account, framework) that already has a row that day,
 * or had non-zero counts on the tenant's latest earlier snapshot day, but has no counted finding
 * now gets an all-zero row (score null): its trend drops instead of keeping stale counts, and
 * stops the day after. An account in `accountIds` that never had a row nor a finding gets none
 * (no framework to put it under).
 */
export async function writePostureSnapshots(
  manager: EntityManager,
  tenantId: TenantId,
  scope: PostureSnapshotScope,
): Promise<number> {
  if (!DAY.test(scope.day)) {
    throw new Error(`posture snapshot day must be YYYY-MM-DD, got ${JSON.stringify(scope.day)}`);
  }
  if (scope.accountIds?.length === 0) return 0;
  const accounts = scope.accountIds === undefined ? null : [...scope.accountIds];

  const counts = await manager.query<CountRow[]>(
    `SELECT account_id, check_id, compliance,
            (suppressed_by IS NOT NULL OR source_suppressed) AS suppressed, count(*)::int AS n
       FROM public.findings
      WHERE tenant_id = $1 AND kind = 'check' AND compliance IS NOT NULL
        AND (status <> 'resolved' OR compliance = 'PASS')
        AND ($2::bpchar[] IS NULL OR account_id = ANY($2::bpchar[]))
      GROUP BY 1, 2, 3, 4`,
    [tenantId, accounts],
  );
  const keep = await manager.query<KeyRow[]>(
    `SELECT account_id, framework FROM public.posture_snapshots
      WHERE tenant_id = $1 AND day = $2::date
        AND ($3::bpchar[] IS NULL OR account_id = ANY($3::bpchar[]))
     UNION
     SELECT account_id, framework FROM public.posture_snapshots
      WHERE tenant_id = $1
        AND day = (SELECT max(day) FROM public.posture_snapshots
                    WHERE tenant_id = $1 AND day < $2::date)
        AND passed + failed + manual + errored + suppressed > 0
        AND ($3::bpchar[] IS NULL OR account_id = ANY($3::bpchar[]))`,
    [tenantId, scope.day, accounts],
  );

  const rows = foldPostureCounts(
    counts.map((r) => ({
      accountId: r.account_id,
      checkId: r.check_id,
      compliance: r.compliance,
      suppressed: r.suppressed,
      count: r.n,
    })),
    frameworksOf,
    keep.map((r): PostureKey => ({ accountId: r.account_id, framework: r.framework })),
  );
  if (rows.length === 0) return 0;

  await manager.query(
    `INSERT INTO public.posture_snapshots
       (tenant_id, day, account_id, framework, passed, failed, manual, errored, suppressed, score)
     SELECT $1, $2::date, s.account_id, s.framework, s.passed, s.failed, s.manual, s.errored,
            s.suppressed, s.score
       FROM jsonb_to_recordset($3::jsonb) AS s(account_id character(12), framework text,
            passed integer, failed integer, manual integer, errored integer, suppressed integer,
            score numeric)
     ON CONFLICT (tenant_id, day, account_id, framework) DO UPDATE SET
       passed = EXCLUDED.passed, failed = EXCLUDED.failed, manual = EXCLUDED.manual,
       errored = EXCLUDED.errored, suppressed = EXCLUDED.suppressed, score = EXCLUDED.score`,
    [
      tenantId,
      scope.day,
      JSON.stringify(
        rows.map((r) => ({
          account_id: r.accountId,
          framework: r.framework,
          passed: r.passed,
          failed: r.failed,
          manual: r.manual,
          errored: r.errored,
          suppressed: r.suppressed,
          score: r.score,
        })),
      ),
    ],
  );
  return rows.length;
}

/** The UTC day of an instant, as `writePostureSnapshots` takes it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Whether the tenant lacks a point of `day`: it has no row that day, or an (account, framework)
 * with counts on its latest earlier snapshot day has none that day. Reads only
 * `posture_snapshots` (a few rows per account), so it is cheap to ask every tenant often.
 */
export async function isPostureSnapshotDue(
  manager: EntityManager,
  tenantId: TenantId,
  day: string,
): Promise<boolean> {
  const rows = await manager.query<{ due: boolean }[]>(
    `SELECT NOT EXISTS (SELECT 1 FROM public.posture_snapshots
                         WHERE tenant_id = $1 AND day = $2::date)
         OR EXISTS (
              SELECT 1 FROM public.posture_snapshots p
               WHERE p.tenant_id = $1
                 AND p.day = (SELECT max(day) FROM public.posture_snapshots
                               WHERE tenant_id = $1 AND day < $2::date)
                 AND p.passed + p.failed + p.manual + p.errored + p.suppressed > 0
                 AND NOT EXISTS (SELECT 1 FROM public.posture_snapshots t
                                  WHERE t.tenant_id = $1 AND t.day = $2::date
                                    AND t.account_id = p.account_id
                                    AND t.framework = p.framework)) AS due`,
    [tenantId, day],
  );
  return rows[0]?.due === true;
}
