import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles/database-roles';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

const TABLES = ['api_keys', 'webhooks', 'webhook_deliveries', 'audit_log'] as const;

/**
 * The api's tables (docs/architecture.md "Tenancy", "REST API"), each with tenant RLS:
 * - `api_keys`: a tenant key is `pal_<id>_<secret>`; only the SHA-256 of the secret is kept.
 *   `palisade_api_key_lookup(id)` is the one read across tenants (a request names its key
 *   before its tenant is known): it returns the key's tenant, hash, scopes and validity only.
 * - `webhooks`: URL, subscribed events and the signing secret encrypted with AES-256-GCM
 *   (the key is `WEBHOOK_ENCRYPTION_KEY`, never in the database).
 * - `webhook_deliveries`: one row per (webhook, event), its attempts and outcome (the log).
 * - `audit_log`: every write through the API, with the key that made it.
 * `scans.cancel_requested_at`: set by `POST /v1/scans/{id}/cancel`; from then on the normaliser
 * resolves nothing for that scan.
 */
export class CreateApi1795910000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.api_keys (
        tenant_id uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
        id text NOT NULL,
        name text NOT NULL,
        secret_sha256 bytea NOT NULL,
        scopes text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NULL,
        revoked_at timestamptz NULL,
        last_used_at timestamptz NULL,
        CONSTRAINT api_keys_pkey PRIMARY KEY (id),
        CONSTRAINT api_keys_id_check CHECK (id ~ '^[a-z0-9]{16}$'),
        CONSTRAINT api_keys_hash_check CHECK (octet_length(secret_sha256) = 32),
        CONSTRAINT api_keys_scopes_check CHECK (
          cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:read', 'scans:write', 'admin']::text[])
      )`);
    await queryRunner.query(
      `CREATE INDEX api_keys_tenant_created_idx ON public.api_keys (tenant_id, created_at, id)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION public.palisade_api_key_lookup(key_id text)
      RETURNS TABLE (tenant_id uuid, secret_sha256 bytea, scopes text[], expires_at timestamptz,
                     revoked_at timestamptz, tenant_status text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT k.tenant_id, k.secret_sha256, k.scopes, k.expires_at, k.revoked_at, t.status
          FROM public.api_keys k JOIN public.tenants t ON t.id = k.tenant_id
         WHERE k.id = key_id
      $$`);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION public.palisade_api_key_lookup(text) FROM PUBLIC`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION public.palisade_api_key_lookup(text) TO ${APP_ROLE}`,
    );

    await queryRunner.query(`
      CREATE TABLE public.webhooks (
        tenant_id uuid NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        events text[] NOT NULL,
        secret_ciphertext bytea NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhooks_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT webhooks_events_check CHECK (cardinality(events) > 0)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER webhooks_touch_updated_at BEFORE UPDATE ON public.webhooks
      FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
    await queryRunner.query(`
      CREATE TABLE public.webhook_deliveries (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NULL DEFAULT now(),
        last_attempt_at timestamptz NULL,
        last_status_code integer NULL,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT webhook_deliveries_webhook_fkey FOREIGN KEY (tenant_id, webhook_id)
          REFERENCES public.webhooks (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_event_key UNIQUE (tenant_id, webhook_id, event_id),
        CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'succeeded', 'failed'))
      )`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_due_idx ON public.webhook_deliveries (tenant_id, next_attempt_at)
      WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_log_idx
      ON public.webhook_deliveries (tenant_id, webhook_id, created_at DESC, id)`);

    await queryRunner.query(`
      CREATE TABLE public.audit_log (
        tenant_id uuid NOT NULL,
        id bigserial NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_key_id text NOT NULL,
        action text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        resource_type text NULL,
        resource_id text NULL,
        status_code integer NOT NULL,
        request_id text NULL,
        CONSTRAINT audit_log_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT audit_log_actor_check CHECK (actor_kind IN ('operator', 'tenant'))
      )`);
    await queryRunner.query(
      `CREATE INDEX audit_log_tenant_at_idx ON public.audit_log (tenant_id, at DESC, id DESC)`,
    );

    for (const table of TABLES) await enableTenantRls(queryRunner, `public.${table}`);
    await queryRunner.query(
      `ALTER TABLE public.scans ADD COLUMN cancel_requested_at timestamptz NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE public.scans DROP COLUMN cancel_requested_at`);
    for (const table of [...TABLES].reverse()) {
      await disableTenantRls(queryRunner, `public.${table}`);
    }
    await queryRunner.query(`DROP TABLE public.audit_log`);
    await queryRunner.query(`DROP TABLE public.webhook_deliveries`);
    await queryRunner.query(`DROP TABLE public.webhooks`);
    await queryRunner.query(`DROP FUNCTION public.palisade_api_key_lookup(text)`);
    await queryRunner.query(`DROP TABLE public.api_keys`);
  }
}
