import { type MigrationInterface, type QueryRunner } from 'typeorm';

const OLD = `external_id ~ '^[A-Za-z0-9_-]+$' AND length(external_id) BETWEEN 32 AND 1224`;
const NEW = `external_id ~ '^[A-Za-z0-9_+=,.@:/-]+$' AND length(external_id) BETWEEN 2 AND 1224`;

/**
 * A tenant's ExternalId may be any value STS accepts (2-1224 of `[\w+=,.@:/-]`): the single-user
 * CLI takes `--external-id` for roles its user already deployed with one of their choosing.
 * Tenants of the api still only ever get a generated one (the api refuses a caller's).
 */
export class ExternalIdAnyAwsForm1795920000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE public.tenant_settings DROP CONSTRAINT tenant_settings_external_id_check`,
    );
    await queryRunner.query(
      `ALTER TABLE public.tenant_settings ADD CONSTRAINT tenant_settings_external_id_check CHECK (${NEW})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE public.tenant_settings DROP CONSTRAINT tenant_settings_external_id_check`,
    );
    await queryRunner.query(
      `ALTER TABLE public.tenant_settings ADD CONSTRAINT tenant_settings_external_id_check CHECK (${OLD})`,
    );
  }
}
