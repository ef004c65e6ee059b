import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

const TABLES = [
  'findings',
  'finding_history',
  'suppression_rules',
  'posture_snapshots',
  'scan_job_scopes',
  'scan_job_batches',
] as const;

const REGION = `'^(global|[a-z]{2}(-[a-z]+)+-[0-9]{1,2})$'`;

/**
 * The normaliser's tables (docs/architecture.md "Findings"), each with tenant RLS:
 * - `findings`: one row per finding uid, its lifecycle status, the indexed columns the API
 *   filters on and the OCSF 1.8.0 document beside them. `state_at` is the observation time
 *   that set the current status: an older observation arriving late never overrides it, so
 *   results and final events may arrive in any order and twice.
 * - `finding_history`: one row per status or suppression change.
 * - `suppression_rules`: written by the api, applied by the normaliser.
 * - `posture_snapshots`: daily counts per tenant × account × framework.
 * - `scan_job_scopes`: the resolution gate per job × (region, check): results stored, results
 *   the final event declares (with the job's start it reports), whether the scope errored, when
 *   it resolved its findings.
 * - `scan_job_batches`: the result batches of a job already stored (a redelivery is a no-op).
 * Indexes lead with `tenant_id`.
 */
export class CreateFindings1795900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows about a job reference it with their tenant: no tenant can attach to another's job.
    await queryRunner.query(`ALTER TABLE public.scan_jobs
      ADD CONSTRAINT scan_jobs_tenant_id_id_key UNIQUE (tenant_id, id)`);
    await queryRunner.query(`
      CREATE TABLE public.findings (
        tenant_id uuid NOT NULL,
        uid character(64) NOT NULL,
        kind text NOT NULL,
        account_id character(12) NOT NULL,
        region text NOT NULL,
        check_id text NULL,
        resource_uid text NOT NULL,
        resource_type text NOT NULL,
        title text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL,
        compliance text NULL,
        error_code text NULL,
        suppressed_by uuid NULL,
        source_suppressed boolean NOT NULL DEFAULT false,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        state_at timestamptz NOT NULL,
        resolved_at timestamptz NULL,
        scan_id uuid NOT NULL,
        job_id uuid NOT NULL,
        ocsf jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT findings_pkey PRIMARY KEY (tenant_id, uid),
        CONSTRAINT findings_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT findings_uid_check CHECK (uid ~ '^[0-9a-f]{64}$'),
        CONSTRAINT findings_kind_check CHECK (kind IN ('check', 'inspector')),
        CONSTRAINT findings_check_id_check CHECK ((kind = 'check') = (check_id IS NOT NULL)),
        CONSTRAINT findings_account_id_check CHECK (account_id ~ '^[0-9]{12}$'),
        CONSTRAINT findings_region_check CHECK (region ~ ${REGION}),
        CONSTRAINT findings_severity_check CHECK (severity IN
          ('unknown', 'informational', 'low', 'medium', 'high', 'critical')),
        CONSTRAINT findings_status_check CHECK (status IN
          ('new', 'in_progress', 'resolved', 'compliant', 'manual', 'error')),
        CONSTRAINT findings_compliance_check
          CHECK (compliance IS NULL OR compliance IN ('PASS', 'FAIL', 'MANUAL', 'ERROR')),
        CONSTRAINT findings_resolved_check CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
      )`);
    // The resolution gate's lookup and the API's account / region / check filters.
    await queryRunner.query(`CREATE INDEX findings_scope_idx
      ON public.findings (tenant_id, account_id, region, check_id)`);
    await queryRunner.query(`CREATE INDEX findings_status_severity_idx
      ON public.findings (tenant_id, status, severity)`);
    await queryRunner.query(`CREATE INDEX findings_check_idx
      ON public.findings (tenant_id, check_id, status)`);
    await queryRunner.query(`CREATE INDEX findings_last_seen_idx
      ON public.findings (tenant_id, last_seen_at DESC, uid)`);
    await queryRunner.query(`CREATE INDEX findings_suppressed_by_idx
      ON public.findings (tenant_id, suppressed_by) WHERE suppressed_by IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX findings_resolved_at_idx
      ON public.findings (tenant_id, resolved_at) WHERE resolved_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE public.finding_history (
        id bigserial NOT NULL,
        tenant_id uuid NOT NULL,
        finding_uid character(64) NOT NULL,
        change text NULL,
        from_status text NULL,
        to_status text NOT NULL,
        suppressed_by uuid NULL,
        scan_id uuid NULL,
        job_id uuid NULL,
        observed_at timestamptz NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT finding_history_pkey PRIMARY KEY (id),
        CONSTRAINT finding_history_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT finding_history_change_check CHECK (change IS NULL OR change IN
          ('new', 'resolved', 'reopened', 'suppressed', 'unsuppressed'))
      )`);
    await queryRunner.query(`CREATE INDEX finding_history_finding_idx
      ON public.finding_history (tenant_id, finding_uid, id)`);
    await queryRunner.query(`CREATE INDEX finding_history_scan_idx
      ON public.finding_history (tenant_id, scan_id, change)`);
    await queryRunner.query(`CREATE INDEX finding_history_at_idx
      ON public.finding_history (tenant_id, at)`);

    await queryRunner.query(`
      CREATE TABLE public.suppression_rules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        account_ids text[] NOT NULL DEFAULT '{}',
        ou_ids text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        check_ids text[] NOT NULL DEFAULT '{}',
        resource_pattern text NULL,
        tags jsonb NOT NULL DEFAULT '{}',
        reason text NOT NULL,
        author text NOT NULL,
        expires_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT suppression_rules_pkey PRIMARY KEY (id),
        CONSTRAINT suppression_rules_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT suppression_rules_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT suppression_rules_reason_check CHECK (length(reason) BETWEEN 1 AND 2000),
        CONSTRAINT suppression_rules_author_check CHECK (length(author) BETWEEN 1 AND 256),
        CONSTRAINT suppression_rules_pattern_check
          CHECK (resource_pattern IS NULL OR length(resource_pattern) BETWEEN 1 AND 2048),
        CONSTRAINT suppression_rules_tags_check CHECK (jsonb_typeof(tags) = 'object')
      )`);
    await queryRunner.query(`CREATE INDEX suppression_rules_expires_at_idx
      ON public.suppression_rules (tenant_id, expires_at) WHERE expires_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE public.posture_snapshots (
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        account_id character(12) NOT NULL,
        framework text NOT NULL,
        passed integer NOT NULL,
        failed integer NOT NULL,
        manual integer NOT NULL,
        errored integer NOT NULL,
        suppressed integer NOT NULL,
        score numeric(5, 2) NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT posture_snapshots_pkey PRIMARY KEY (tenant_id, day, account_id, framework),
        CONSTRAINT posture_snapshots_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT posture_snapshots_counts_check
          CHECK (passed >= 0 AND failed >= 0 AND manual >= 0 AND errored >= 0 AND suppressed >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX posture_snapshots_trend_idx
      ON public.posture_snapshots (tenant_id, framework, account_id, day)`);

    await queryRunner.query(`
      CREATE TABLE public.scan_job_scopes (
        tenant_id uuid NOT NULL,
        job_id uuid NOT NULL,
        account_id character(12) NOT NULL,
        region text NOT NULL,
        check_id text NOT NULL,
        stored integer NOT NULL DEFAULT 0,
        declared integer NULL,
        job_started_at timestamptz NULL,
        errored boolean NOT NULL DEFAULT false,
        resolved_at timestamptz NULL,
        CONSTRAINT scan_job_scopes_pkey PRIMARY KEY (tenant_id, job_id, region, check_id),
        CONSTRAINT scan_job_scopes_job_fkey FOREIGN KEY (tenant_id, job_id)
          REFERENCES public.scan_jobs (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT scan_job_scopes_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE
      )`);

    // A late result older than a clean run of its scope is resolved as of that run.
    await queryRunner.query(`CREATE INDEX scan_job_scopes_resolved_idx
      ON public.scan_job_scopes (tenant_id, account_id, job_started_at)
      WHERE resolved_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE public.scan_job_batches (
        tenant_id uuid NOT NULL,
        job_id uuid NOT NULL,
        batch_seq integer NOT NULL,
        items integer NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scan_job_batches_pkey PRIMARY KEY (tenant_id, job_id, batch_seq),
        CONSTRAINT scan_job_batches_job_fkey FOREIGN KEY (tenant_id, job_id)
          REFERENCES public.scan_jobs (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT scan_job_batches_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE
      )`);

    for (const table of ['findings', 'suppression_rules', 'posture_snapshots']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_touch_updated_at BEFORE UPDATE ON public.${table}
        FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
    }
    for (const table of TABLES) {
      await enableTenantRls(queryRunner, `public.${table}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await disableTenantRls(queryRunner, `public.${table}`);
      await queryRunner.query(`DROP TABLE public.${table}`);
    }
    await queryRunner.query(
      `ALTER TABLE public.scan_jobs DROP CONSTRAINT scan_jobs_tenant_id_id_key`,
    );
  }
}
