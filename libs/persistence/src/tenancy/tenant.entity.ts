import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { type TenantId } from './tenant-id';

export const TENANT_STATUSES = ['active', 'offboarding', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** The root table. RLS: a tenant sees only its own row (`id` = current tenant). */
@Entity({ name: 'tenants' })
@Unique('tenants_slug_key', ['slug'])
@Check('tenants_status_check', `"status" IN ('active', 'offboarding', 'deleted')`)
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tenants_pkey' })
  id!: TenantId;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'active' })
  status!: TenantStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
