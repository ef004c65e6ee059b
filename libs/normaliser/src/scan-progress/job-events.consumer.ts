import { Injectable, Logger } from '@nestjs/common';
import { type ScanJobEvent, Topics } from '@palisade/contracts';
import { MessageHandler, TransientError } from '@palisade/messaging';
import { isTransientDatabaseError, TenantTransactions } from '@palisade/persistence';
import { applyJobEvent } from './apply-job-event';
import { type ClosedScan } from './scan-state';

/**
 * Consumes `scan.job-events`: each event in one tenant transaction (job status, resolution
 * gate declaration, Inspector2 watermarks, scan counts and closure with its `scan.lifecycle`).
 * Events of one account key arrive in order and one at a time; different accounts run in
 * parallel (`concurrency`), which the row locks of `applyJobEvent` make safe.
 */
@Injectable()
export class JobEventsConsumer {
  private readonly logger = new Logger(JobEventsConsumer.name);

  constructor(private readonly transactions: TenantTransactions) {}

  @MessageHandler(Topics.scanJobEvents, { concurrency: 8 })
  async onJobEvent(event: ScanJobEvent): Promise<void> {
    let closed: ClosedScan | null;
    try {
      closed = await this.transactions.withTenant(event.tenantId, (manager, tenantId) =>
        applyJobEvent(manager, tenantId, event, new Date()),
      );
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        throw new TransientError(
          'DATABASE_TRANSIENT',
          `${event.type} event of job ${event.jobId} not stored yet (database unavailable, deadlock or serialization failure): ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      throw error;
    }
    if (closed !== null) {
      this.logger.log(
        {
          tenantId: event.tenantId,
          scanId: closed.scanId,
          status: closed.status,
          counts: closed.counts,
        },
        'scan closed',
      );
    }
  }
}
