import { type DynamicModule, Module } from '@nestjs/common';
import { ApiFeatureModule } from '@palisade/api';
import { AwsModule, awsOptionsFromConfig } from '@palisade/aws';
import {
  APP_CONFIG,
  type CliConfig,
  cliConfigSchema,
  ConfigModule,
  type Env,
} from '@palisade/config';
import { Topics } from '@palisade/contracts';
import { DiscoveryFeatureModule } from '@palisade/discovery';
import {
  MessagingModule,
  messagingOptionsFromConfig,
  outboxRelayProvider,
} from '@palisade/messaging';
import { NormaliserFeatureModule } from '@palisade/normaliser';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';
import { ScannerFeatureModule } from '@palisade/scanner';

@Module({})
class EmbeddedAppModule {}

/**
 * Embedded mode: discovery, scanner, normaliser and api in one Nest application over the
 * in-process transport, each configured as its own process configures it (the same settings
 * from the same variables), so every business rule runs exactly as in the fleet.
 */
export function embeddedAppModule(env: Env): DynamicModule {
  return {
    module: EmbeddedAppModule,
    imports: [
      ConfigModule.forRoot(cliConfigSchema, env),
      ObservabilityModule,
      PersistenceModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: CliConfig) => persistenceOptionsFromConfig(config),
      }),
      MessagingModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: CliConfig) => ({
          ...messagingOptionsFromConfig(config),
          concurrency: {
            [Topics.scanJobs.name]: config.scanner.jobConcurrency + config.scanner.jobQueueDepth,
            [Topics.findingsRaw.name]: config.normaliser.ingestConcurrency,
          },
          batch: {
            [Topics.findingsRaw.name]: {
              maxSize: config.normaliser.ingestBatchMessages,
              maxWaitMs: config.normaliser.ingestBatchWaitMs,
            },
          },
          shutdownTimeoutMs: config.scanner.drainMs + 10_000,
        }),
      }),
      AwsModule.forRootAsync({
        inject: [APP_CONFIG],
        useFactory: (config: CliConfig) => ({
          ...awsOptionsFromConfig(config),
          maxAttempts: config.scanner.awsMaxAttempts,
          concurrencyPerAccountService: config.scanner.awsConcurrencyPerService,
        }),
      }),
      DiscoveryFeatureModule.forRoot(),
      ScannerFeatureModule.forRootAsync(),
      NormaliserFeatureModule.forRoot(),
      ApiFeatureModule,
    ],
    providers: [outboxRelayProvider()],
  };
}
