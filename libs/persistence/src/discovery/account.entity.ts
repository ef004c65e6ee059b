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
import { SourceEntity } from './source.entity';

export const ACCOUNT_STATES = [
  'ACTIVE',
  'SUSPENDED',
  'PENDING_CLOSURE',
  'PENDING_ACTIVATION',
  'CLOSED',
  'UNKNOWN',
] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** An AWS account of a source, as last discovered (the inventory). */
@Entity({ name: 'accounts' })
@Unique('accounts_tenant_id_source_id_account_id_key', ['tenantId', 'sourceId', 'accountId'])
@Index('accounts_tenant_id_account_id_idx', ['tenantId', 'accountId'])
@ForeignKey(() => SourceEntity, ['tenantId', 'sourceId'], ['tenantId', 'id'], {
  name: 'accounts_source_fkey',
  onDelete: 'CASCADE',
})
@Check('accounts_account_id_check', `"account_id" ~ '^[0-9]{12}$'`)
@Check(
  'accounts_state_check',
  `"state" IN ('ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'PENDING_ACTIVATION', 'CLOSED', 'UNKNOWN')`,
)
@Check('accounts_tags_check', `jsonb_typeof("tags") = 'object'`)
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'accounts_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey(() => TenantEntity, { name: 'accounts_tenant_id_fkey', onDelete: 'CASCADE' })
  tenantId!: TenantId;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ name: 'account_id', type: 'char', length: 12 })
  accountId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  state!: AccountState;

  @Column({ name: 'ou_id', type: 'text', nullable: true })
  ouId!: string | null;

  /** The path of `ou_id` (`/Root/Workloads/Prod`), kept in step when the account moves. */
  @Column({ name: 'ou_path', type: 'text', nullable: true })
  ouPath!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  tags!: Record<string, string>;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;

  /** Per-account role override (`accounts` sources); NULL means the source's member role. */
  @Column({ name: 'role_arn', type: 'text', nullable: true })
  roleArn!: string | null;

  /** When it left the organization or the list; NULL while present. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
