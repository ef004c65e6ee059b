import { Injectable, Logger } from '@nestjs/common';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import {
  type ComplianceQuery,
  type ComplianceSummary,
  type FrameworkDetailView,
  type FrameworkQuery,
} from './compliance.dto';
import { FRAMEWORK_CATALOG } from './framework-catalog';
import { accountsUnderOus, loadInventory } from './inventory';
import { type CheckTally, foldFramework, type Inventory } from './posture';
import { RefreshingCache, type RefreshTiming } from './refreshing-cache';

/**
 * How long a tenant's compliance data serves (each api replica keeps its own): the aggregate
 * reads every check finding of the tenant, so it is computed at most every 10 s per tenant, and
 * a burst of requests never waits on a recomputation while the previous value is under 60 s old.
 */
export const COMPLIANCE_REFRESH: RefreshTiming = {
  freshMs: 10_000,
  staleMs: 60_000,
  maxEntries: 1_000,
};

/** Answers computed from one tenant's data, kept with it (by query). */
const MEMO_ENTRIES = 64;

interface TenantCompliance {
  readonly tallies: readonly CheckTally[];
  readonly inventory: Inventory;
  readonly memo: Map<string, unknown>;
}

interface TallyRow {
  account_id: string;
  check_id: string;
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
}

/**
 * Counts the tenant's check findings per account and check by their latest result, the way the
 * normaliser's posture snapshots count them: check findings with a result, except resolved
 * ones whose last result is not PASS (the resource is gone); suppressed ones apart.
 */
async function loadTallies(
  manager: EntityManager,
  tenantId: TenantId,
  checkIds: readonly string[],
): Promise<CheckTally[]> {
  const rows = await manager.query<TallyRow[]>(
    `SELECT account_id, check_id,
            count(*) FILTER (WHERE NOT sup AND compliance = 'PASS')::int AS passed,
            count(*) FILTER (WHERE NOT sup AND compliance = 'FAIL')::int AS failed,
            count(*) FILTER (WHERE NOT sup AND compliance = 'MANUAL')::int AS manual,
            count(*) FILTER (WHERE NOT sup AND compliance = 'ERROR')::int AS errored,
            count(*) FILTER (WHERE sup)::int AS suppressed
       FROM (SELECT account_id, check_id, compliance,
                    (suppressed_by IS NOT NULL OR source_suppressed) AS sup
               FROM public.findings
              WHERE tenant_id = $1 AND kind = 'check' AND compliance IS NOT NULL
                AND (status <> 'resolved' OR compliance = 'PASS')
                AND check_id = ANY ($2::text[])) counted
      GROUP BY account_id, check_id`,
    [tenantId, [...checkIds]],
  );
  return rows.map((r) => ({
    accountId: r.account_id,
    checkId: r.check_id,
    passed: r.passed,
    failed: r.failed,
    manual: r.manual,
    errored: r.errored,
    suppressed: r.suppressed,
  }));
}

const ALL_CHECK_IDS = [...new Set(FRAMEWORK_CATALOG.frameworks.flatMap((f) => f.checkIds))];

/** Compliance by framework → requirement, by account and by OU, with posture scores. */
@Injectable()
export class ComplianceService {
  private readonly logger = new Logger('compliance');
  private readonly cache = new RefreshingCache<TenantCompliance>(
    COMPLIANCE_REFRESH,
    (tenantId, error) =>
      this.logger.warn({ err: error, tenantId }, 'compliance recomputation failed; kept the last'),
  );

  constructor(private readonly db: TenantDb) {}

  async summary(tenantId: TenantId, query: ComplianceQuery): Promise<ComplianceSummary> {
    const frameworks = query.framework
      ? FRAMEWORK_CATALOG.frameworks.filter((f) => f.id === query.framework)
      : FRAMEWORK_CATALOG.frameworks;
    const { value, computedAt } = await this.data(tenantId);
    return {
      computedAt: computedAt.toISOString(),
      frameworks: this.memoised(value, `summary ${query.framework ?? '*'}`, query, () => {
        const tallies = this.select(value, query);
        return frameworks.map((f) =>
          foldFramework(f, FRAMEWORK_CATALOG, tallies, value.inventory, false),
        );
      }),
    };
  }

  async framework(
    tenantId: TenantId,
    frameworkId: string,
    query: FrameworkQuery,
  ): Promise<FrameworkDetailView> {
    const framework = FRAMEWORK_CATALOG.framework(frameworkId);
    if (!framework) throw notFound('framework', frameworkId);
    const { value, computedAt } = await this.data(tenantId);
    const detail = this.memoised(value, `detail ${frameworkId}`, query, () =>
      foldFramework(framework, FRAMEWORK_CATALOG, this.select(value, query), value.inventory, true),
    );
    return { computedAt: computedAt.toISOString(), ...detail };
  }

  private data(tenantId: TenantId) {
    return this.cache.get(tenantId, () =>
      this.db.run(tenantId, async (manager) => ({
        tallies: await loadTallies(manager, tenantId, ALL_CHECK_IDS),
        inventory: await loadInventory(manager, tenantId),
        memo: new Map<string, unknown>(),
      })),
    );
  }

  /** The tallies of the selected accounts: accountId ∩ the accounts under ouId. */
  private select(data: TenantCompliance, query: FrameworkQuery): readonly CheckTally[] {
    if (query.accountId === undefined && query.ouId === undefined) return data.tallies;
    let allowed: Set<string> | undefined = query.accountId ? new Set(query.accountId) : undefined;
    if (query.ouId !== undefined) {
      const under = accountsUnderOus(data.inventory, query.ouId);
      allowed = allowed ? new Set([...allowed].filter((a) => under.has(a))) : under;
    }
    const keep = allowed ?? new Set<string>();
    return data.tallies.filter((t) => keep.has(t.accountId));
  }

  private memoised<T>(
    data: TenantCompliance,
    view: string,
    query: FrameworkQuery,
    compute: () => T,
  ): T {
    const sorted = (list: readonly string[] | undefined) => (list ? [...list].sort() : null);
    const id = JSON.stringify([view, sorted(query.accountId), sorted(query.ouId)]);
    if (data.memo.has(id)) return data.memo.get(id) as T;
    const value = compute();
    if (data.memo.size >= MEMO_ENTRIES) data.memo.clear();
    data.memo.set(id, value);
    return value;
  }
}
