import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';

/**
 * How far Inspector2 findings of one account × region have been pulled (the `updatedAt` of the
 * newest one seen). Written by the normaliser, read by discovery into each job; only moves forward.
 */
@Entity({ name: 'inspector_watermarks' })
@Check('inspector_watermarks_account_id_check', `"account_id" ~ '^[0-9]{12}$'`)
@Check('inspector_watermarks_region_check', `"region" ~ '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$'`)
export class InspectorWatermarkEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'uuid',
    primaryKeyConstraintName: 'inspector_watermarks_pkey',
  })
  @ForeignKey(() => TenantEntity, {
    name: 'inspector_watermarks_tenant_id_fkey',
    onDelete: 'CASCADE',
  })
  tenantId!: TenantId;

  @PrimaryColumn({
    name: 'account_id',
    type: 'char',
    length: 12,
    primaryKeyConstraintName: 'inspector_watermarks_pkey',
  })
  accountId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'inspector_watermarks_pkey' })
  region!: string;

  @Column({ name: 'updated_at_watermark', type: 'timestamptz' })
  updatedAtWatermark!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
