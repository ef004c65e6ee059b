import { type FindingSeverity, type FindingStatus } from '@palisade/findings';
import { CURRENT_TENANT_SQL, type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { type FindingChange, recordFindingChanges } from '../store/finding-changes';
import { globToLike } from './glob-to-like';
import {
  type ChangedRow,
  type StatementRule,
  suppressionStatement,
  type SuppressionTarget,
} from './suppression-sql';

/** The ingest's scan and job, recorded on the changes applied at ingest. */
export interface SuppressionContext {
  readonly scanId: string;
  readonly jobId: string;
}

interface ActiveRule {
  id: string;
  account_ids: string[];
  ou_ids: string[];
  regions: string[];
  check_ids: string[];
  resource_pattern: string | null;
  tags: Record<string, string>;
}

interface Preflight {
  current_tenant: string | null;
  /** The distinct rule ids in the tenant's `suppressed_by`, active or not. */
  suppressing: string[];
  rules: ActiveRule[];
}

/**
 * The transaction's tenant, the rule ids findings are suppressed by (a skip scan of the partial
 * index on `suppressed_by`: one probe per distinct id, however many findings), and the active
 * rules, oldest first.
 */
const PREFLIGHT = `
WITH RECURSIVE suppressing (rule_id) AS (
  (SELECT suppressed_by FROM public.findings
    WHERE tenant_id = $1 AND suppressed_by IS NOT NULL
    ORDER BY suppressed_by LIMIT 1)
  UNION ALL
  SELECT (SELECT f.suppressed_by FROM public.findings f
           WHERE f.tenant_id = $1 AND f.suppressed_by IS NOT NULL AND f.suppressed_by > s.rule_id
           ORDER BY f.suppressed_by LIMIT 1)
    FROM suppressing s WHERE s.rule_id IS NOT NULL
)
SELECT ${CURRENT_TENANT_SQL} AS current_tenant,
       ARRAY(SELECT rule_id FROM suppressing WHERE rule_id IS NOT NULL) AS suppressing,
       (SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY r.created_at, r.id), '[]'::jsonb)
          FROM (SELECT id, created_at, account_ids, ou_ids, regions, check_ids, resource_pattern,
                       tags
                  FROM public.suppression_rules
                 WHERE tenant_id = $1 AND (expires_at IS NULL OR expires_at > $2)) r) AS rules`;

/**
 * Recomputes `findings.suppressed_by` of the target findings in the caller's transaction (whose
 * tenant must be `tenantId`): the earliest-created active rule matching each finding, or null.
 * Every change is recorded with `recordFindingChanges` and returned. A finding is suppressed
 * when a rule or Inspector2 itself (`source_suppressed`) says so, so `suppressed` /
 * `unsuppressed` are announced only when that overall state flips; a move from one rule to
 * another (or a rule added to / taken from an Inspector-suppressed finding) is history only.
 * A tenant without active rules or suppressed findings costs one query on indexes.
 */
export async function applySuppression(
  manager: EntityManager,
  tenantId: TenantId,
  target: SuppressionTarget,
  context?: SuppressionContext,
): Promise<FindingChange[]> {
  if (typeof target === 'object' && target.uids.length === 0) return [];
  const now = new Date();
  const [preflight] = await manager.query<Preflight[]>(PREFLIGHT, [tenantId, now]);
  if (preflight?.current_tenant !== tenantId.toLowerCase()) {
    // Under another tenant (or none) RLS would hide every row: the call would silently do nothing.
    throw new Error(
      `applySuppression for tenant ${tenantId} needs a transaction scoped to it (it is scoped to ${String(preflight?.current_tenant ?? 'no tenant')})`,
    );
  }
  const active = new Set(preflight.rules.map((rule) => rule.id));
  const stale = preflight.suppressing.filter((id) => !active.has(id));
  if (target === 'stale' ? stale.length === 0 : active.size === 0 && stale.length === 0) {
    return [];
  }

  const rules: StatementRule[] = preflight.rules.map((rule, ord) => ({
    ord,
    id: rule.id,
    account_ids: rule.account_ids,
    ou_ids: rule.ou_ids,
    regions: rule.regions,
    check_ids: rule.check_ids,
    resource_like: rule.resource_pattern === null ? null : globToLike(rule.resource_pattern),
    tags: rule.tags,
  }));
  const sql = suppressionStatement({
    target: typeof target === 'object' ? 'uids' : target,
    accountCriteria: rules.some((r) => r.ou_ids.length > 0 || Object.keys(r.tags).length > 0),
  });
  const rows = await manager.query<ChangedRow[]>(sql, [
    tenantId,
    JSON.stringify(rules),
    ...(typeof target === 'object' ? [target.uids] : []),
  ]);
  const changes = rows.map((row) => changeOf(row, now, context));
  await recordFindingChanges(manager, tenantId, changes, now);
  return changes;
}

function changeOf(row: ChangedRow, now: Date, context?: SuppressionContext): FindingChange {
  const status = row.status as FindingStatus;
  const flips = !row.source_suppressed && (row.old_rule === null || row.new_rule === null);
  const change = !flips ? null : row.new_rule === null ? 'unsuppressed' : 'suppressed';
  return {
    uid: row.uid,
    change,
    fromStatus: status,
    toStatus: status,
    // `unsuppressed` names the rule that no longer applies; otherwise the rule now applying.
    suppressedBy: change === 'unsuppressed' ? row.old_rule : row.new_rule,
    scanId: context?.scanId ?? null,
    jobId: context?.jobId ?? null,
    observedAt: now,
    accountId: row.account_id,
    region: row.region,
    checkId: row.check_id,
    severity: row.severity as FindingSeverity,
  };
}
