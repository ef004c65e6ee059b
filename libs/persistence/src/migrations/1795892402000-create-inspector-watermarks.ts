import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from '../tenancy/tenant-rls';

/**
 * Inspector2 pull watermarks per tenant × account × region. Owned by the normaliser (it writes
 * them from job events); created with discovery, which reads them into every job.
 */
export class CreateInspectorWatermarks1795892402000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public.inspector_watermarks (
        tenant_id uuid NOT NULL,
        account_id character(12) NOT NULL,
        region text NOT NULL,
        updated_at_watermark timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inspector_watermarks_pkey PRIMARY KEY (tenant_id, account_id, region),
        CONSTRAINT inspector_watermarks_tenant_id_fkey FOREIGN KEY (tenant_id)
          REFERENCES public.tenants (id) ON DELETE CASCADE,
        CONSTRAINT inspector_watermarks_account_id_check CHECK (account_id ~ '^[0-9]{12}$'),
        CONSTRAINT inspector_watermarks_region_check
          CHECK (region ~ '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$')
      )`);
    await queryRunner.query(`
      CREATE TRIGGER inspector_watermarks_touch_updated_at BEFORE UPDATE ON public.inspector_watermarks
      FOR EACH ROW EXECUTE FUNCTION public.palisade_touch_updated_at()`);
    await enableTenantRls(queryRunner, 'public.inspector_watermarks');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'public.inspector_watermarks');
    await queryRunner.query(`DROP TABLE public.inspector_watermarks`);
  }
}
