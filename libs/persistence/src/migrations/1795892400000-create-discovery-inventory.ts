import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

const TABLES = ['tenant_settings', 'sources', 'organizational_units', 'accounts'] as const;

/**
 * The inventory discovery keeps per tenant: tenant settings (ExternalId, check overrides), sources,
 * and the OUs and accounts last discovered in each source. Every table: tenant_id → tenants ON
 * DELETE CASCADE, tenant RLS (ENABLE + FORCE + tenant_isolation + operator_bypass), indexes
 * leading with tenant_id, updated_at touched by trigger. Children reference their source by
 * (tenant_id, source_id), so a row can never point at another tenant's source.
 */
export class CreateDiscoveryInventory1795892400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.tenant_settings (
        tenant_id uuid NOT NULL,
        external_id text NOT NULL,
        check_settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_settings_pkey PRIMARY KEY (tenant_id),
        CONSTRAINT tenant_settings_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT tenant_settings_external_id_check CHECK (
          external_id ~ '^[A-Za-z0-9_-]+$' AND length(external_id) BETWEEN 32 AND 1224
        ),
        CONSTRAINT tenant_settings_check_settings_check CHECK (jsonb_typeof(check_settings) = 'object')
      )`);

    await queryRunner.query(`
      CREATE TABLE public.sources (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        config jsonb NOT NULL,
        preflight boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz NULL,
        CONSTRAINT sources_pkey PRIMARY KEY (id),
        CONSTRAINT sources_tenant_id_id_key UNIQUE (tenant_id, id),
        CONSTRAINT sources_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT sources_kind_check CHECK (kind IN ('organization', 'accounts')),
        CONSTRAINT sources_name_check CHECK (length(name) BETWEEN 1 AND 128),
        CONSTRAINT sources_config_check CHECK (jsonb_typeof(config) = 'object')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX sources_tenant_id_name_key ON public.sources (tenant_id, name) WHERE deleted_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE public.organizational_units (
        tenant_id uuid NOT NULL,
        source_id uuid NOT NULL,
        ou_id text NOT NULL,
        name text NOT NULL,
        parent_id text NULL,
        path text NOT NULL,
        removed_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizational_units_pkey PRIMARY KEY (tenant_id, source_id, ou_id),
        CONSTRAINT organizational_units_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT organizational_units_source_fkey FOREIGN KEY (tenant_id, source_id)
          REFERENCES public.sources (tenant_id, id) ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE public.accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        source_id uuid NOT NULL,
        account_id character(12) NOT NULL,
        name text NOT NULL,
        email text NULL,
        state text NOT NULL,
        ou_id text NULL,
        ou_path text NULL,
        tags jsonb NOT NULL DEFAULT '{}',
        joined_at timestamptz NULL,
        role_arn text NULL,
        removed_at timestamptz NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_pkey PRIMARY KEY (id),
        CONSTRAINT accounts_tenant_id_source_id_account_id_key UNIQUE (tenant_id, source_id, account_id),
        CONSTRAINT accounts_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT accounts_source_fkey FOREIGN KEY (tenant_id, source_id)
          REFERENCES public.sources (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT accounts_account_id_check CHECK (account_id ~ '^[0-9]{12}$'),
        CONSTRAINT accounts_state_check
          CHECK (state IN ('ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'PENDING_ACTIVATION', 'CLOSED', 'UNKNOWN')),
        CONSTRAINT accounts_tags_check CHECK (jsonb_typeof(tags) = 'object')
      )`);
    await queryRunner.query(
      `CREATE INDEX accounts_tenant_id_account_id_idx ON public.accounts (tenant_id, account_id)`,
    );

    for (const table of TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_touch_updated_at BEFORE UPDATE ON public.${table}
        FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
      await enableTenantRls(queryRunner, `public.${table}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await disableTenantRls(queryRunner, `public.${table}`);
      await queryRunner.query(`DROP TABLE public.${table}`);
    }
  }
}
