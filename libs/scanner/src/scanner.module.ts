import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { hostname } from 'node:os';
import { AwsClientFactory, AwsSessionFactory } from '@palisade/aws';
import { ALL_CHECKS } from '@palisade/checks';
import { collectorCatalogue } from '@palisade/collectors';
import { APP_CONFIG, type ScannerTuning } from '@palisade/config';
import { Topics } from '@palisade/contracts';
import { type MessagingModuleOptions, Publisher } from '@palisade/messaging';
import { Cancellations } from './cancellations';
import { FairJobScheduler } from './fair-scheduler';
import { InspectorStep } from './inspector-step';
import { JobRunner } from './job-runner';
import { ScanControlConsumer } from './scan-control.consumer';
import { ScanJobConsumer } from './scan-job.consumer';
import { SCANNER_OPTIONS, type ScannerOptions } from './scanner-options';

/** The worker tuning of an app's parsed SCANNER_* config. */
export function scannerOptionsFromConfig(config: {
  readonly scanner: ScannerTuning;
}): ScannerOptions {
  const s = config.scanner;
  return {
    jobConcurrency: s.jobConcurrency,
    tenantJobLimit: s.tenantJobLimit,
    drainMs: s.drainMs,
    collectorConcurrency: s.collectorConcurrency,
    itemConcurrency: s.itemConcurrency,
    resultBatchSize: s.resultBatchSize,
  };
}

/**
 * The messaging settings a host of the scanner needs: jobs taken from the broker are the running
 * ones plus a short queue for fair share, and a graceful stop waits for running jobs to drain
 * (SCANNER_DRAIN_MS) and hand themselves back.
 */
export function scannerMessagingTuning(config: {
  readonly scanner: ScannerTuning;
}): Pick<MessagingModuleOptions, 'concurrency' | 'shutdownTimeoutMs'> {
  return {
    concurrency: {
      [Topics.scanJobs.name]: config.scanner.jobConcurrency + config.scanner.jobQueueDepth,
    },
    shutdownTimeoutMs: config.scanner.drainMs + 10_000,
  };
}

const providers: Provider[] = [
  Cancellations,
  {
    provide: FairJobScheduler,
    inject: [SCANNER_OPTIONS],
    useFactory: (o: ScannerOptions) => new FairJobScheduler(o.jobConcurrency, o.tenantJobLimit),
  },
  {
    provide: InspectorStep,
    inject: [AwsClientFactory, AwsSessionFactory],
    useFactory: (clients: AwsClientFactory, sessions: AwsSessionFactory) =>
      new InspectorStep(clients, sessions),
  },
  {
    provide: JobRunner,
    inject: [SCANNER_OPTIONS, AwsSessionFactory, AwsClientFactory, Publisher, InspectorStep],
    useFactory: (
      options: ScannerOptions,
      sessions: AwsSessionFactory,
      clients: AwsClientFactory,
      publisher: Publisher,
      inspector: InspectorStep,
    ) =>
      new JobRunner({
        sessions,
        clients,
        publisher,
        inspector,
        catalogue: collectorCatalogue(),
        registry: ALL_CHECKS,
        tuning: options,
        worker: `${hostname()}:${process.pid}`,
      }),
  },
  ScanJobConsumer,
  ScanControlConsumer,
];

/**
 * What the scanner service does, for any process that hosts it (apps/scanner, the CLI): run
 * scan jobs and honour cancellations. Needs the global MessagingModule and AwsModule of its host.
 */
@Module({})
export class ScannerFeatureModule {
  static forRoot(options: ScannerOptions): DynamicModule {
    return {
      module: ScannerFeatureModule,
      providers: [{ provide: SCANNER_OPTIONS, useValue: options }, ...providers],
      exports: [JobRunner, Cancellations, FairJobScheduler],
    };
  }

  /** Options from the host's parsed config (APP_CONFIG with a `scanner` section). */
  static forRootAsync(): DynamicModule {
    return {
      module: ScannerFeatureModule,
      providers: [
        {
          provide: SCANNER_OPTIONS,
          inject: [APP_CONFIG],
          useFactory: (config: { readonly scanner: ScannerTuning }) =>
            scannerOptionsFromConfig(config),
        },
        ...providers,
      ],
      exports: [JobRunner, Cancellations, FairJobScheduler],
    };
  }
}
