import { Inject, Injectable, Logger } from '@nestjs/common';
import { type FindingsRaw, Topics } from '@palisade/contracts';
import { type Delivered, MessageHandler } from '@palisade/messaging';
import { TenantTransactions } from '@palisade/persistence';
import { FindingsIngest } from './findings-ingest';

/**
 * `findings.raw` → Postgres: each consumed batch of messages is ONE transaction (the tenant set
 * per tenant group inside it), committed before the offsets. Postgres unreachable → the
 * transport retries the batch in place with backoff (the partition waits; nothing is
 * committed, nothing lost). A batch naming an unknown job fails permanently: the transport
 * retries its messages one by one and dead-letters only the culprit.
 */
@Injectable()
export class FindingsRawConsumer {
  private readonly logger = new Logger('FindingsIngest');

  constructor(
    private readonly transactions: TenantTransactions,
    @Inject(FindingsIngest) private readonly ingest: FindingsIngest,
  ) {}

  @MessageHandler(Topics.findingsRaw, { batch: { maxSize: 20, maxWaitMs: 100 }, concurrency: 2 })
  async onFindings(batch: readonly Delivered<FindingsRaw>[]): Promise<void> {
    const groups = await this.transactions.withTenantGroups(
      batch.map((d) => d.message),
      (m) => m.tenantId,
      (manager, tenantId, items) => this.ingest.ingest(manager, tenantId, items),
    );
    for (const { tenantId, result } of groups) {
      this.logger.debug({ msg: 'findings stored', tenantId, ...result });
    }
  }
}
