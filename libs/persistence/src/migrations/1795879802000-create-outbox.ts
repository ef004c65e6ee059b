import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles/database-roles';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

const OUTBOX_FUNCTIONS = [
  'public.palisade_outbox_claim(integer)',
  'public.palisade_outbox_mark_published(bigint[])',
  'public.palisade_outbox_prune(timestamptz)',
];

/**
 * The transactional outbox. Tenant RLS applies (rows with a NULL tenant are system messages,
 * visible only with no tenant set); the app role may INSERT and read back its tenant's rows but
 * not UPDATE or DELETE. The relay works across tenants through three SECURITY DEFINER functions
 * granted to the app role: claim (FOR UPDATE SKIP LOCKED), mark published, prune.
 */
export class CreateOutbox1795879802000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.outbox (
        id bigserial NOT NULL,
        tenant_id uuid NULL,
        topic text NOT NULL,
        key text NOT NULL,
        value jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz NULL,
        CONSTRAINT outbox_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_unpublished_idx ON public.outbox (id) WHERE published_at IS NULL`,
    );
    await enableTenantRls(queryRunner, 'public.outbox', { allowTenantless: true });
    await queryRunner.query(`REVOKE UPDATE, DELETE ON public.outbox FROM ${APP_ROLE}`);

    await queryRunner.query(`
      CREATE FUNCTION public.palisade_outbox_claim(batch_size integer) RETURNS SETOF public.outbox
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT * FROM public.outbox WHERE published_at IS NULL
        ORDER BY id LIMIT batch_size FOR UPDATE SKIP LOCKED
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION public.palisade_outbox_mark_published(ids bigint[]) RETURNS integer
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        WITH done AS (
          UPDATE public.outbox SET published_at = now()
          WHERE id = ANY (ids) AND published_at IS NULL RETURNING 1
        ) SELECT count(*)::integer FROM done
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION public.palisade_outbox_prune(published_before timestamptz) RETURNS integer
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        WITH gone AS (
          DELETE FROM public.outbox WHERE published_at < published_before RETURNING 1
        ) SELECT count(*)::integer FROM gone
      $$`);
    for (const signature of OUTBOX_FUNCTIONS) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const signature of OUTBOX_FUNCTIONS) await queryRunner.query(`DROP FUNCTION ${signature}`);
    await disableTenantRls(queryRunner, 'public.outbox');
    await queryRunner.query(`DROP TABLE public.outbox`);
  }
}
