import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';
import { type SourceConfig, type SourceKind } from './source-config';

/**
 * What a tenant scans: an AWS Organization or a list of accounts, with the roles to assume.
 * Soft-deleted (`deleted_at`); a name is unique among a tenant's live sources.
 * `(tenant_id, id)` is unique so that child rows reference a source of their own tenant.
 */
@Entity({ name: 'sources' })
@Unique('sources_tenant_id_id_key', ['tenantId', 'id'])
@Index('sources_tenant_id_name_key', ['tenantId', 'name'], {
  unique: true,
  where: '"deleted_at" IS NULL',
})
@Check('sources_kind_check', `"kind" IN ('organization', 'accounts')`)
@Check('sources_name_check', `length("name") BETWEEN 1 AND 128`)
@Check('sources_config_check', `jsonb_typeof("config") = 'object'`)
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sources_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'sources_tenant_id_fkey', onDelete: 'CASCADE' })
  tenantId!: TenantId;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: SourceKind;

  /** Validated by the zod schema of `kind` (`parseSourceConfig`) before every write. */
  @Column({ type: 'jsonb' })
  config!: SourceConfig;

  /** Check every account's role before emitting its job. */
  @Column({ type: 'boolean', default: true })
  preflight!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
