import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The findings severity as a rank (critical 5 … unknown 0): the expression the api sorts on
 * (libs/api/src/findings/findings-query.ts SEVERITY_RANK_SQL, the same tree), so this index
 * serves that ORDER BY.
 */
const SEVERITY_RANK = `(CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'informational' THEN 1 ELSE 0 END)`;

/** name → definition (after `ON public.findings`). */
const INDEXES: readonly (readonly [string, string])[] = [
  // GET /v1/findings?sort=-firstSeenAt / firstSeenAt: keyset pages on (first_seen_at, uid),
  // walked forwards or backwards (the default sort uses findings_last_seen_idx, same shape).
  ['findings_api_first_seen_idx', '(tenant_id, first_seen_at DESC, uid)'],
  // GET /v1/findings?sort=-severity / severity: keyset pages on (rank, last_seen_at, uid).
  ['findings_api_severity_idx', `(tenant_id, ${SEVERITY_RANK} DESC, last_seen_at DESC, uid)`],
  // GET /v1/findings?accountId=… (and ouId=…, which becomes accounts): one account's page in
  // the default order without walking the whole tenant's (accounts' findings are seen in
  // bursts, so a walk of the tenant-wide index filtering by account meets long runs of others).
  ['findings_api_account_last_seen_idx', '(tenant_id, account_id, last_seen_at DESC, uid)'],
  // GET /v1/findings?checkId=… (and framework + requirement, which become checks): one
  // check's page in the default order. An account-level check has one finding per account,
  // spread over every account's scan: a walk of the tenant-wide index would read most of it.
  ['findings_api_check_last_seen_idx', '(tenant_id, check_id, last_seen_at DESC, uid)'],
  // GET /v1/findings?resourceUid=…: every finding on one resource (exact match). A hash index:
  // a resource uid has no length bound (Inspector2's resource ids), and a btree entry over
  // 2,704 bytes would fail the normaliser's upsert; the tenant is checked on the rows found.
  ['findings_api_resource_idx', 'USING hash (resource_uid)'],
  // GET /v1/findings?suppressed=true: the few suppressed findings, in the default order, and
  // their count. Partial: unsuppressed rows (nearly all) are not in it and cost it nothing.
  [
    'findings_api_suppressed_idx',
    '(tenant_id, last_seen_at DESC, uid) WHERE suppressed_by IS NOT NULL OR source_suppressed',
  ],
];

/**
 * Indexes of the api's findings reads (docs/api.md "Findings: performance"). Built in the
 * migration's transaction: CREATE INDEX holds a SHARE lock on findings while it builds (writes
 * wait; reads go on), about 10 s per index per million findings. CONCURRENTLY is not an option
 * here: it waits for every older snapshot, including a second migration runner's statement
 * waiting on the migrations' advisory lock, which waits for this one: they would never finish.
 * A large deployment can build these CONCURRENTLY by hand beforehand, with the same names and
 * definitions; IF NOT EXISTS then keeps them.
 */
export class ApiReadIndexes1795910001000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) {
      await queryRunner.query(
        `CREATE INDEX IF NOT EXISTS ${name} ON public.findings ${definition}`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) {
      await queryRunner.query(`DROP INDEX IF EXISTS public.${name}`);
    }
  }
}
