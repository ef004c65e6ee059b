import { Injectable, Logger } from '@nestjs/common';
import { type FindingSeverity } from '@palisade/findings';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { SqlParams } from '../findings/findings-query';
import { TenantDb } from '../tenancy/tenant-db';
import { COMPLIANCE_REFRESH } from './compliance.service';
import { FRAMEWORK_CATALOG } from './framework-catalog';
import { postureScore } from './posture';
import { RefreshingCache } from './refreshing-cache';
import { type TrendsQuery, type TrendsView } from './trends.dto';
import { endOfDay, type OpenDelta, openSeries, windowDays, zeroSeverities } from './trends-fold';

interface SnapshotRow {
  day: string;
  framework: string;
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
  accounts: number;
}

/** Open: failing (new or in progress); findings suppressed now are left out of every day. */
const OPEN = `f.status IN ('new', 'in_progress')`;
const NOT_SUPPRESSED = 'f.suppressed_by IS NULL AND NOT f.source_suppressed';
const IS_OPEN = (column: string) =>
  `(${column} IS NOT NULL AND ${column} IN ('new', 'in_progress'))`;

/** Daily posture per framework and daily open counts by severity. */
@Injectable()
export class TrendsService {
  private readonly logger = new Logger('trends');
  private readonly cache = new RefreshingCache<Omit<TrendsView, 'computedAt'>>(
    COMPLIANCE_REFRESH,
    (key, error) =>
      this.logger.warn({ err: error, key }, 'trends recomputation failed; kept the last'),
  );

  constructor(private readonly db: TenantDb) {}

  async trends(tenantId: TenantId, query: TrendsQuery, now = new Date()): Promise<TrendsView> {
    const accounts = query.accountId ? [...query.accountId].sort() : null;
    const key = JSON.stringify([tenantId, query.days, query.framework ?? null, accounts]);
    const { value, computedAt } = await this.cache.get(key, () =>
      this.db.run(tenantId, (manager) => this.compute(manager, tenantId, query, accounts, now)),
    );
    return { computedAt: computedAt.toISOString(), ...value };
  }

  private async compute(
    manager: EntityManager,
    tenantId: TenantId,
    query: TrendsQuery,
    accounts: readonly string[] | null,
    now: Date,
  ): Promise<Omit<TrendsView, 'computedAt'>> {
    const days = windowDays(now, query.days);
    const from = days[0] as string;
    const to = days[days.length - 1] as string;
    const frameworks = query.framework
      ? FRAMEWORK_CATALOG.frameworks.filter((f) => f.id === query.framework)
      : FRAMEWORK_CATALOG.frameworks;

    const snapshots = await manager.query<SnapshotRow[]>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, framework, sum(passed)::int AS passed, sum(failed)::int AS failed,
              sum(manual)::int AS manual, sum(errored)::int AS errored,
              sum(suppressed)::int AS suppressed, count(*)::int AS accounts
         FROM public.posture_snapshots
        WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date
          AND framework = ANY ($4::text[])
          AND ($5::character(12)[] IS NULL OR account_id = ANY ($5::character(12)[]))
        GROUP BY day, framework
        ORDER BY framework, day`,
      [tenantId, from, to, frameworks.map((f) => f.id), accounts],
    );

    // The findings the open counts cover: the account and framework filters, not suppressed now.
    const params = new SqlParams();
    const scope = [`f.tenant_id = ${params.add(tenantId, 'uuid')}`, NOT_SUPPRESSED];
    if (accounts) scope.push(`f.account_id = ANY (${params.add(accounts, 'character(12)[]')})`);
    if (query.framework) {
      const checks = FRAMEWORK_CATALOG.checksOf(query.framework) ?? [];
      scope.push(`f.check_id = ANY (${params.add([...checks], 'text[]')})`);
    }
    const openNow = await manager.query<{ severity: FindingSeverity; n: number }[]>(
      `SELECT f.severity, count(*)::int AS n FROM public.findings f
        WHERE ${[...scope, OPEN].join(' AND ')}
        GROUP BY f.severity`,
      params.values,
    );
    const since = params.add(endOfDay(from), 'timestamptz');
    const deltas = await manager.query<OpenDelta[]>(
      `SELECT to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, f.severity,
              sum(${IS_OPEN('h.to_status')}::int - ${IS_OPEN('h.from_status')}::int)::int AS delta
         FROM public.finding_history h
         JOIN public.findings f ON f.tenant_id = h.tenant_id AND f.uid = h.finding_uid
        WHERE h.tenant_id = $1 AND h.at >= ${since} AND ${scope.join(' AND ')}
        GROUP BY 1, 2`,
      params.values,
    );
    const open = zeroSeverities();
    for (const row of openNow) open[row.severity] += row.n;

    return {
      from,
      to,
      posture: frameworks.map((framework) => ({
        framework: framework.id,
        name: framework.name,
        points: snapshots
          .filter((s) => s.framework === framework.id)
          .map((s) => ({
            day: s.day,
            score: postureScore(s.passed, s.failed),
            passed: s.passed,
            failed: s.failed,
            manual: s.manual,
            errored: s.errored,
            suppressed: s.suppressed,
            accounts: s.accounts,
          })),
      })),
      open: openSeries(
        days,
        open,
        deltas.filter((d) => d.delta !== 0),
      ),
    };
  }
}
