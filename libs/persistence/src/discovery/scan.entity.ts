import { type ScanRequested } from '@palisade/contracts';
import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';
import { type ScanScope } from './schedule.entity';
import { SourceEntity } from './source.entity';

export const SCAN_STATUSES = [
  'queued',
  'running',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** Who asked for the scan: the `trigger` of `scan.requested`. */
export type ScanTrigger = ScanRequested['trigger'];

/** What the scan covers, as requested. */
export interface ScanRequestSpec {
  scope?: ScanScope;
  regions?: string[];
  frameworks?: string[];
  checks?: string[];
}

/**
 * One scan of one source. Inserted `queued` by the api (or a schedule firing); from then on only
 * the normaliser changes its status and counts. `(tenant_id, idempotency_key)` is unique, so a
 * repeated request finds the first scan. `(tenant_id, id)` is unique for the scan_jobs reference.
 */
@Entity({ name: 'scans' })
@Unique('scans_tenant_id_id_key', ['tenantId', 'id'])
@Unique('scans_tenant_id_idempotency_key_key', ['tenantId', 'idempotencyKey'])
@Index('scans_tenant_id_requested_at_idx', ['tenantId', 'requestedAt'])
@Index('scans_tenant_id_source_id_idx', ['tenantId', 'sourceId'])
@ForeignKey(() => SourceEntity, ['tenantId', 'sourceId'], ['tenantId', 'id'], {
  name: 'scans_source_fkey',
  onDelete: 'CASCADE',
})
@Check(
  'scans_status_check',
  `"status" IN ('queued', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled')`,
)
@Check(
  'scans_idempotency_key_check',
  `"idempotency_key" IS NULL OR length("idempotency_key") BETWEEN 1 AND 255`,
)
@Check('scans_counts_check', `jsonb_typeof("counts") = 'object'`)
export class ScanEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'scans_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'scans_tenant_id_fkey', onDelete: 'CASCADE' })
  tenantId!: TenantId;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ type: 'text', default: 'queued' })
  status!: ScanStatus;

  @Column({ type: 'jsonb' })
  trigger!: ScanTrigger;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  request!: ScanRequestSpec;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  counts!: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Set by a cancel request; from then on the normaliser resolves nothing for this scan. */
  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
