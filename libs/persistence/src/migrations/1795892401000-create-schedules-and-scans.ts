import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles/database-roles';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

const TABLES = ['schedules', 'scans', 'scan_jobs'] as const;
const DUE_SCHEDULES = 'public.palisade_due_schedules(timestamptz, integer)';

/**
 * Schedules, scans and their per-account jobs, with tenant RLS like every tenant table. Jobs
 * reference their scan by (tenant_id, scan_id). The scheduler finds due schedules of every
 * tenant through the SECURITY DEFINER function `palisade_due_schedules(now, lim)` (enabled
 * schedules of live sources of active tenants), then claims each firing in that tenant's
 * transaction with a compare-and-set on `next_run_at`.
 */
export class CreateSchedulesAndScans1795892401000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.schedules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        source_id uuid NOT NULL,
        name text NOT NULL,
        cron text NOT NULL,
        time_zone text NOT NULL,
        scope jsonb NOT NULL DEFAULT '{}',
        regions text[] NULL,
        frameworks text[] NULL,
        checks text[] NULL,
        enabled boolean NOT NULL DEFAULT true,
        next_run_at timestamptz(3) NOT NULL,
        last_fired_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT schedules_pkey PRIMARY KEY (id),
        CONSTRAINT schedules_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT schedules_source_fkey FOREIGN KEY (tenant_id, source_id)
          REFERENCES public.sources (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT schedules_name_check CHECK (length(name) BETWEEN 1 AND 128),
        CONSTRAINT schedules_scope_check CHECK (jsonb_typeof(scope) = 'object')
      )`);
    await queryRunner.query(
      `CREATE INDEX schedules_tenant_id_source_id_idx ON public.schedules (tenant_id, source_id)`,
    );
    // Cross-tenant by design: serves palisade_due_schedules() only.
    await queryRunner.query(
      `CREATE INDEX schedules_due_idx ON public.schedules (next_run_at) WHERE enabled`,
    );

    await queryRunner.query(`
      CREATE TABLE public.scans (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        source_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        "trigger" jsonb NOT NULL,
        request jsonb NOT NULL DEFAULT '{}',
        idempotency_key text NULL,
        counts jsonb NOT NULL DEFAULT '{}',
        error text NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scans_pkey PRIMARY KEY (id),
        CONSTRAINT scans_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT scans_tenant_id_idempotency_key_key UNIQUE (tenant_id, idempotency_key),
        CONSTRAINT scans_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT scans_source_fkey FOREIGN KEY (tenant_id, source_id)
          REFERENCES public.sources (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT scans_status_check CHECK (status IN
          ('queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled')),
        CONSTRAINT scans_idempotency_key_check
          CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 255),
        CONSTRAINT scans_counts_check CHECK (jsonb_typeof(counts) = 'object')
      )`);
    await queryRunner.query(
      `CREATE INDEX scans_tenant_id_requested_at_idx ON public.scans (tenant_id, requested_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX scans_tenant_id_source_id_idx ON public.scans (tenant_id, source_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE public.scan_jobs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        scan_id uuid NOT NULL,
        account_id character(12) NOT NULL,
        scope text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        emitted_at timestamptz NULL,
        acknowledged_at timestamptz NULL,
        skip_reason text NULL,
        error_code text NULL,
        error_message text NULL,
        result jsonb NULL,
        payload jsonb NULL,
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scan_jobs_pkey PRIMARY KEY (id),
        CONSTRAINT scan_jobs_tenant_id_scan_id_scope_account_id_key
          UNIQUE (tenant_id, scan_id, scope, account_id),
        CONSTRAINT scan_jobs_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT scan_jobs_scan_fkey FOREIGN KEY (tenant_id, scan_id)
          REFERENCES public.scans (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT scan_jobs_account_id_check CHECK (account_id ~ '^[0-9]{12}$'),
        CONSTRAINT scan_jobs_scope_check CHECK (scope IN ('account', 'organization')),
        CONSTRAINT scan_jobs_status_check CHECK (status IN
          ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'))
      )`);

    for (const table of TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_touch_updated_at BEFORE UPDATE ON public.${table}
        FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
      await enableTenantRls(queryRunner, `public.${table}`);
    }

    await queryRunner.query(`
      CREATE FUNCTION public.palisade_due_schedules(now timestamptz, lim integer)
      RETURNS TABLE (tenant_id uuid, schedule_id uuid, next_run_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT s.tenant_id, s.id, s.next_run_at
          FROM public.schedules s
          JOIN public.sources src
            ON src.tenant_id = s.tenant_id AND src.id = s.source_id AND src.deleted_at IS NULL
          JOIN public.tenants t ON t.id = s.tenant_id AND t.status = 'active'
         WHERE s.enabled AND s.next_run_at <= $1
         ORDER BY s.next_run_at, s.id
         LIMIT $2
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION ${DUE_SCHEDULES} FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${DUE_SCHEDULES} TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ${DUE_SCHEDULES}`);
    for (const table of [...TABLES].reverse()) {
      await disableTenantRls(queryRunner, `public.${table}`);
      await queryRunner.query(`DROP TABLE public.${table}`);
    }
  }
}
