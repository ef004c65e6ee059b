// Consumes `scan.jobs`: each job waits for a fair-share slot, then runs. A cancelled scan stops
// its jobs at the next check boundary; on shutdown running jobs get `drainMs` to finish, then
// stop and are handed back (their messages are not committed, so another worker runs them).
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type ScanJob, Topics } from '@palisade/contracts';
import { MessageHandler } from '@palisade/messaging';
import { HealthRegistry } from '@palisade/observability';
import { Cancellations } from './cancellations';
import { FairJobScheduler } from './fair-scheduler';
import { JobHandedBack, JobRunner } from './job-runner';
import { SCANNER_OPTIONS, type ScannerOptions } from './scanner-options';

@Injectable()
export class ScanJobConsumer implements OnModuleDestroy {
  private readonly logger = new Logger('Scanner');
  private readonly shutdown = new AbortController();
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly runner: JobRunner,
    private readonly scheduler: FairJobScheduler,
    private readonly cancellations: Cancellations,
    @Inject(SCANNER_OPTIONS) private readonly options: ScannerOptions,
    health: HealthRegistry,
  ) {
    this.unsubscribe = health.onShuttingDown(() => this.beginShutdown());
  }

  @MessageHandler(Topics.scanJobs)
  async run(job: ScanJob): Promise<void> {
    if (this.shutdown.signal.aborted) throw new JobHandedBack(job.jobId);
    await this.scheduler.run(job.tenantId, async () => {
      if (this.shutdown.signal.aborted) throw new JobHandedBack(job.jobId);
      const stop = new AbortController();
      const onShutdown = () => stop.abort('shutdown');
      this.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
      const forget = this.cancellations.onCancel(job.scanId, () => stop.abort('cancelled'));
      const started = Date.now();
      try {
        await this.runner.run(job, stop.signal);
        this.logger.log({
          msg: 'job done',
          jobId: job.jobId,
          scanId: job.scanId,
          accountId: job.accountId,
          scope: job.scope,
          durationMs: Date.now() - started,
          cancelled: stop.signal.aborted,
        });
      } finally {
        forget();
        this.shutdown.signal.removeEventListener('abort', onShutdown);
      }
    });
  }

  /** Jobs waiting for a slot are handed back at once; running ones after `drainMs`. */
  private beginShutdown(): void {
    if (this.drainTimer !== undefined || this.shutdown.signal.aborted) return;
    this.logger.log({
      msg: 'shutting down: running jobs may finish',
      drainMs: this.options.drainMs,
    });
    this.drainTimer = setTimeout(() => this.shutdown.abort(), this.options.drainMs);
    this.drainTimer.unref();
  }

  onModuleDestroy(): void {
    this.beginShutdown();
    this.unsubscribe();
  }
}
