import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';
import { SourceEntity } from './source.entity';

/** An OU (or the root) of an organization source, as last discovered. */
@Entity({ name: 'organizational_units' })
@ForeignKey(() => SourceEntity, ['tenantId', 'sourceId'], ['tenantId', 'id'], {
  name: 'organizational_units_source_fkey',
  onDelete: 'CASCADE',
})
export class OrganizationalUnitEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'uuid',
    primaryKeyConstraintName: 'organizational_units_pkey',
  })
  @ForeignKey(() => TenantEntity, {
    name: 'organizational_units_tenant_id_fkey',
    onDelete: 'CASCADE',
  })
  tenantId!: TenantId;

  @PrimaryColumn({
    name: 'source_id',
    type: 'uuid',
    primaryKeyConstraintName: 'organizational_units_pkey',
  })
  sourceId!: string;

  /** `ou-…` or the root's `r-…`. */
  @PrimaryColumn({
    name: 'ou_id',
    type: 'text',
    primaryKeyConstraintName: 'organizational_units_pkey',
  })
  ouId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  /** Names from the root, e.g. `/Root/Workloads/Prod`. */
  @Column({ type: 'text' })
  path!: string;

  /** When a discovery last found it missing; NULL while it exists. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
