/**
 * Which findings a run looks at: the given uids (a stored ingest batch), every finding of the
 * tenant (rules changed), or only those whose `suppressed_by` names no active rule (expired or
 * deleted rules: no other finding can change then, its earliest matching rule being unchanged).
 */
export type SuppressionTarget = { readonly uids: readonly string[] } | 'all' | 'stale';

export interface SuppressionStatementOptions {
  readonly target: 'uids' | 'all' | 'stale';
  /** Whether some active rule has OU or tag criteria, which need the account inventory. */
  readonly accountCriteria: boolean;
}

/** A rule as the statement takes it (`$2`, a JSON array): `ord` = its rank, oldest first. */
export interface StatementRule {
  readonly ord: number;
  readonly id: string;
  readonly account_ids: readonly string[];
  readonly ou_ids: readonly string[];
  readonly regions: readonly string[];
  readonly check_ids: readonly string[];
  /** The resource glob as a LIKE pattern (escape `\`), or null. */
  readonly resource_like: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** A row of what the statement changed. */
export interface ChangedRow {
  uid: string;
  old_rule: string | null;
  new_rule: string | null;
  status: string;
  source_suppressed: boolean;
  account_id: string;
  region: string;
  check_id: string | null;
  severity: string;
}

const TARGET_FILTER: Record<SuppressionStatementOptions['target'], string> = {
  uids: `f.uid = ANY ($3::character(64)[])`,
  all: `true`,
  stale: `f.suppressed_by IS NOT NULL AND f.suppressed_by <> ALL (ARRAY(SELECT id FROM rules))`,
};

/**
 * The OU and tag criteria resolved to accounts. An account's attributes come from its current
 * inventory rows (not removed, of a live source) or, when it has none any more, from its last
 * known ones; when several sources list it, any row may match (an account is in one
 * organization, so they agree; a static `accounts` source simply carries less). An OU covers
 * every account beneath it (ancestors from `organizational_units`), as in scan scopes.
 */
const ACCOUNT_CRITERIA = `
  ou_up (source_id, ou_id, ancestor_id) AS (
    SELECT o.source_id, o.ou_id, o.ou_id FROM public.organizational_units o WHERE o.tenant_id = $1
    UNION
    SELECT u.source_id, u.ou_id, o.parent_id
      FROM ou_up u
      JOIN public.organizational_units o
        ON o.tenant_id = $1 AND o.source_id = u.source_id AND o.ou_id = u.ancestor_id
     WHERE o.parent_id IS NOT NULL
  ),
  account_rows AS MATERIALIZED (
    SELECT a.account_id, a.tags,
           ARRAY[a.ou_id] || ARRAY(SELECT u.ancestor_id FROM ou_up u
                                    WHERE u.source_id = a.source_id AND u.ou_id = a.ou_id) AS ous
      FROM (SELECT a.account_id, a.source_id, a.ou_id, a.tags,
                   rank() OVER (PARTITION BY a.account_id
                                ORDER BY (a.removed_at IS NULL AND s.deleted_at IS NULL) DESC) AS rk
              FROM public.accounts a
              JOIN public.sources s ON s.tenant_id = a.tenant_id AND s.id = a.source_id
             WHERE a.tenant_id = $1) a
     WHERE a.rk = 1
  ),
  rule_accounts AS MATERIALIZED (
    SELECT r.ord, x.account_id::character(12) AS account_id
      FROM rules r CROSS JOIN LATERAL unnest(r.account_ids) AS x(account_id)
     WHERE NOT r.account_criteria
    UNION
    SELECT r.ord, a.account_id
      FROM rules r
      JOIN account_rows a
        ON (cardinality(r.account_ids) = 0 OR a.account_id = ANY (r.account_ids))
       AND (cardinality(r.ou_ids) = 0 OR a.ous && r.ou_ids)
       AND a.tags @> r.tags
     WHERE r.account_criteria
  ),`;

/** The criteria on the finding itself (`f`) of a rule (`r`). */
const RESOURCE_CRITERIA = `(cardinality(r.regions) = 0 OR f.region = ANY (r.regions))
       AND (cardinality(r.check_ids) = 0
            OR (f.check_id IS NOT NULL AND f.check_id = ANY (r.check_ids)))
       AND (r.resource_like IS NULL OR f.resource_uid LIKE r.resource_like ESCAPE '\\')`;

const ACCOUNT_IDS_ONLY = `
  rule_accounts AS MATERIALIZED (
    SELECT r.ord, x.account_id::character(12) AS account_id
      FROM rules r CROSS JOIN LATERAL unnest(r.account_ids) AS x(account_id)
  ),`;

/**
 * THE matching of suppression rules, one statement: for each target finding the earliest
 * active rule (`ord`) whose every non-empty criterion matches — rules with account criteria
 * reach their findings through the accounts they resolve to (the findings' account index), the
 * others through the target findings; then only the findings whose `suppressed_by` differs are
 * locked (in uid order, like every multi-row writer of findings), updated, and returned with
 * their old and new rule. Parameters: `$1` tenant, `$2` the active
 * rules ({@link StatementRule}[] as JSON), `$3` the uids (target `uids` only).
 */
export function suppressionStatement(options: SuppressionStatementOptions): string {
  const target = TARGET_FILTER[options.target];
  return `
WITH RECURSIVE
  rules AS MATERIALIZED (
    SELECT r.*, (cardinality(r.ou_ids) > 0 OR r.tags <> '{}'::jsonb) AS account_criteria,
           (cardinality(r.account_ids) > 0 OR cardinality(r.ou_ids) > 0
             OR r.tags <> '{}'::jsonb) AS by_account
      FROM jsonb_to_recordset($2::jsonb) AS r(ord integer, id uuid, account_ids text[],
           ou_ids text[], regions text[], check_ids text[], resource_like text, tags jsonb)
  ),${options.accountCriteria ? ACCOUNT_CRITERIA : ACCOUNT_IDS_ONLY}
  candidates AS (
    SELECT f.uid, r.ord, r.id
      FROM rules r
      JOIN public.findings f ON f.tenant_id = $1 AND ${target} AND ${RESOURCE_CRITERIA}
     WHERE NOT r.by_account
    UNION ALL
    SELECT f.uid, r.ord, r.id
      FROM rule_accounts ra
      JOIN rules r ON r.ord = ra.ord
      JOIN public.findings f
        ON f.tenant_id = $1 AND f.account_id = ra.account_id AND ${target}
       AND ${RESOURCE_CRITERIA}
  ),
  matched AS (
    SELECT DISTINCT ON (uid) uid, id FROM candidates ORDER BY uid, ord
  ),
  target AS MATERIALIZED (
    SELECT f.uid, f.suppressed_by AS old_rule, m.id AS new_rule
      FROM public.findings f
      LEFT JOIN matched m ON m.uid = f.uid
     WHERE f.tenant_id = $1 AND ${target} AND f.suppressed_by IS DISTINCT FROM m.id
     ORDER BY f.uid
       FOR UPDATE OF f
  ),
  changed AS (
    UPDATE public.findings f SET suppressed_by = t.new_rule
      FROM target t
     WHERE f.tenant_id = $1 AND f.uid = t.uid
    RETURNING f.uid, t.old_rule, t.new_rule, f.status, f.source_suppressed, f.account_id,
              f.region, f.check_id, f.severity
  )
SELECT * FROM changed ORDER BY uid`;
}
