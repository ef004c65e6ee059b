import { type DynamicModule, Module } from '@nestjs/common';
import { type NormaliserTuning } from '@palisade/config';
import { Topics } from '@palisade/contracts';
import { PALISADE_VERSION } from '@palisade/findings';
import { type MessagingModuleOptions } from '@palisade/messaging';
import { FindingsIngest } from './ingest/findings-ingest';
import { FindingsRawConsumer } from './ingest/findings-raw.consumer';
import { PostureSnapshotTask } from './posture/posture-snapshot.task';
import { RetentionTask } from './retention/retention.task';
import { JobEventsConsumer, StaleJobsTask } from './scan-progress';
import { RulesChangedConsumer, SuppressionExpiryTask } from './suppression';

/**
 * The messaging settings a host of the normaliser needs: messages per ingest transaction, and
 * transactions at once (one partition each).
 */
export function normaliserMessagingTuning(config: {
  readonly normaliser: NormaliserTuning;
}): Pick<MessagingModuleOptions, 'batch' | 'concurrency'> {
  return {
    batch: {
      [Topics.findingsRaw.name]: {
        maxSize: config.normaliser.ingestBatchMessages,
        maxWaitMs: config.normaliser.ingestBatchWaitMs,
      },
    },
    concurrency: { [Topics.findingsRaw.name]: config.normaliser.ingestConcurrency },
  };
}

/**
 * What the normaliser does, for any process that hosts it (apps/normaliser, the CLI): ingest
 * results into findings, move scans and jobs through their states, apply suppression rules,
 * and the periodic work (stale jobs, suppression expiry, posture snapshots, retention), each
 * firing once across replicas. Needs the host's ConfigModule (with the `normaliser` section),
 * PersistenceModule and MessagingModule.
 */
@Module({})
export class NormaliserFeatureModule {
  static forRoot(): DynamicModule {
    return {
      module: NormaliserFeatureModule,
      providers: [
        { provide: FindingsIngest, useFactory: () => new FindingsIngest(PALISADE_VERSION) },
        FindingsRawConsumer,
        JobEventsConsumer,
        StaleJobsTask,
        RulesChangedConsumer,
        SuppressionExpiryTask,
        PostureSnapshotTask,
        RetentionTask,
      ],
    };
  }
}
