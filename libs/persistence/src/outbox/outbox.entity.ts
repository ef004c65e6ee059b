import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';

/**
 * A message written in the same transaction as the business rows it announces, published later
 * by the relay in libs/messaging. The app role may INSERT (and read back) rows of the current
 * tenant only; the relay reads and marks rows of every tenant through the SECURITY DEFINER
 * functions wrapped by `claimOutboxBatch` / `markOutboxPublished` / `pruneOutbox`.
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished_idx', ['id'], { where: '"published_at" IS NULL' })
export class OutboxEntity {
  /** bigserial: node-postgres returns int8 as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'outbox_pkey' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: TenantId | null;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
