import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles/database-roles';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

/**
 * The root table, with RLS on `id`: a tenant sees and writes only its own row (an operator
 * creates a tenant by generating its id and inserting it under `withTenant(newId, …)`).
 * `palisade_list_tenants()` is the operator bypass for reading every tenant (operator endpoints,
 * periodic work iterating over tenants).
 */
export class CreateTenants1795879801000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION public.palisade_touch_updated_at() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$`);
    await queryRunner.query(`
      CREATE TABLE public.tenants (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'active',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenants_pkey PRIMARY KEY (id),
        CONSTRAINT tenants_slug_key UNIQUE (slug),
        CONSTRAINT tenants_status_check CHECK ("status" IN ('active', 'offboarding', 'deleted'))
      )`);
    await queryRunner.query(`
      CREATE TRIGGER tenants_touch_updated_at BEFORE UPDATE ON public.tenants
      FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
    await enableTenantRls(queryRunner, 'public.tenants', { column: 'id' });
    await queryRunner.query(`
      CREATE FUNCTION public.palisade_list_tenants() RETURNS SETOF public.tenants
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$ SELECT * FROM public.tenants ORDER BY created_at, id $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION public.palisade_list_tenants() FROM PUBLIC`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION public.palisade_list_tenants() TO ${APP_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION public.palisade_list_tenants()`);
    await disableTenantRls(queryRunner, 'public.tenants');
    await queryRunner.query(`DROP TABLE public.tenants`);
    await queryRunner.query(`DROP FUNCTION public.palisade_touch_updated_at()`);
  }
}
