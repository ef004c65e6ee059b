import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { TenantEntity } from '../tenancy/tenant.entity';
import { ScanEntity } from './scan.entity';

export const SCAN_JOB_SCOPES = ['account', 'organization'] as const;
export type ScanJobScope = (typeof SCAN_JOB_SCOPES)[number];

export const SCAN_JOB_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type ScanJobStatus = (typeof SCAN_JOB_STATUSES)[number];

/**
 * One job of a scan: one account, or the organization-level job. Inserted by discovery (once per
 * (scan, scope, account), whatever the redeliveries); status, result and acknowledgement are
 * the normaliser's. The unique key leads with tenant_id; it is the spec's (scan_id, scope,
 * account_id) key, as a scan belongs to one tenant (composite FK).
 */
@Entity({ name: 'scan_jobs' })
@Unique('scan_jobs_tenant_id_id_key', ['tenantId', 'id'])
@Unique('scan_jobs_tenant_id_scan_id_scope_account_id_key', [
  'tenantId',
  'scanId',
  'scope',
  'accountId',
])
@ForeignKey(() => ScanEntity, ['tenantId', 'scanId'], ['tenantId', 'id'], {
  name: 'scan_jobs_scan_fkey',
  onDelete: 'CASCADE',
})
@Check('scan_jobs_account_id_check', `"account_id" ~ '^[0-9]{12}$'`)
@Check('scan_jobs_scope_check', `"scope" IN ('account', 'organization')`)
@Check(
  'scan_jobs_status_check',
  `"status" IN ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')`,
)
export class ScanJobEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'scan_jobs_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'scan_jobs_tenant_id_fkey', onDelete: 'CASCADE' })
  tenantId!: TenantId;

  @Column({ name: 'scan_id', type: 'uuid' })
  scanId!: string;

  @Column({ name: 'account_id', type: 'char', length: 12 })
  accountId!: string;

  @Column({ type: 'text' })
  scope!: ScanJobScope;

  @Column({ type: 'text', default: 'pending' })
  status!: ScanJobStatus;

  /** Last time discovery published the job (or its skip event). */
  @Column({ name: 'emitted_at', type: 'timestamptz', nullable: true })
  emittedAt!: Date | null;

  /** Set by the normaliser on the job's first event: from then on it is never re-emitted. */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** Why discovery skips the account (SUSPENDED, REMOVED, OUT_OF_SCOPE…), emitted as an event. */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  /**
   * The job message exactly as discovery emitted it (never credentials: role ARNs and the
   * ExternalId only), so a redelivered request re-emits the same job. Null for skipped jobs.
   */
  @Column({ type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
