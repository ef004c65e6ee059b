import { type DataSource } from 'typeorm';
import { type DeadLetterRecord, type DeadLetterStore } from '../core/dead-letter';

interface DeadLetterRow {
  source_topic: string;
  dlq_topic: string;
  source_partition: number;
  source_offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  error_code: string;
  error_reason: string;
  failed_at: Date;
}

/**
 * Dead letters of the in-process transport in the `dead_letters` table (migration
 * `DeadLetters…` in libs/persistence). The service role may only append: a dead letter can hold
 * any tenant's data and its tenant cannot be trusted, so reading (`list`) needs the owner or an
 * operator connection.
 */
export class PostgresDeadLetterStore implements DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  async deadLetter(record: DeadLetterRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO public.dead_letters
         (source_topic, dlq_topic, source_partition, source_offset, key, value, headers, error_code, error_reason, failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
      [
        record.sourceTopic,
        record.dlqTopic,
        record.sourcePartition,
        record.sourceOffset,
        record.key,
        record.value,
        JSON.stringify(record.headers),
        record.errorCode,
        record.errorReason,
        record.failedAt,
      ],
    );
  }

  async list(sourceTopic?: string): Promise<readonly DeadLetterRecord[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT source_topic, dlq_topic, source_partition, source_offset, key, value, headers, error_code, error_reason, failed_at
         FROM public.dead_letters WHERE $1::text IS NULL OR source_topic = $1 ORDER BY id`,
      [sourceTopic ?? null],
    );
    return rows.map((r) => ({
      sourceTopic: r.source_topic,
      dlqTopic: r.dlq_topic,
      sourcePartition: r.source_partition,
      sourceOffset: r.source_offset,
      key: r.key,
      value: r.value,
      headers: r.headers,
      errorCode: r.error_code,
      errorReason: r.error_reason,
      failedAt: r.failed_at,
    }));
  }
}
