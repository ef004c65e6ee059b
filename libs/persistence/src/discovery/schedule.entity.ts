import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';
import { SourceEntity } from './source.entity';

/** Which part of a source a scan covers; empty means the whole source. */
export interface ScanScope {
  accountIds?: string[];
  ouIds?: string[];
}

/**
 * A cron schedule of scans of one source. `next_run_at` has millisecond precision so that the
 * value read back into a JS Date compares equal in `claimFiring`'s compare-and-set.
 * `schedules_due_idx` serves the cross-tenant `palisade_due_schedules()`, hence no tenant_id.
 */
@Entity({ name: 'schedules' })
@Index('schedules_tenant_id_source_id_idx', ['tenantId', 'sourceId'])
@Index('schedules_due_idx', ['nextRunAt'], { where: '"enabled"' })
@ForeignKey(() => SourceEntity, ['tenantId', 'sourceId'], ['tenantId', 'id'], {
  name: 'schedules_source_fkey',
  onDelete: 'CASCADE',
})
@Check('schedules_name_check', `length("name") BETWEEN 1 AND 128`)
@Check('schedules_scope_check', `jsonb_typeof("scope") = 'object'`)
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'schedules_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'schedules_tenant_id_fkey', onDelete: 'CASCADE' })
  tenantId!: TenantId;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A cron expression, evaluated in `time_zone` by whoever computes `next_run_at`. */
  @Column({ type: 'text' })
  cron!: string;

  /** An IANA time zone (`Europe/Paris`). */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scope!: ScanScope;

  @Column({ type: 'text', array: true, nullable: true })
  regions!: string[] | null;

  @Column({ type: 'text', array: true, nullable: true })
  frameworks!: string[] | null;

  @Column({ type: 'text', array: true, nullable: true })
  checks!: string[] | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'next_run_at', type: 'timestamptz', precision: 3 })
  nextRunAt!: Date;

  @Column({ name: 'last_fired_at', type: 'timestamptz', nullable: true })
  lastFiredAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
