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
import { DiscoveryFeatureModule } from '@palisade/discovery';
import {
  MessagingModule,
  messagingOptionsFromConfig,
  outboxRelayProvider,
} from '@palisade/messaging';
import { NormaliserFeatureModule, normaliserMessagingTuning } from '@palisade/normaliser';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';
import { ScannerFeatureModule, scannerMessagingTuning } from '@palisade/scanner';

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
        useFactory: (config: CliConfig) => {
          const scanner = scannerMessagingTuning(config);
          const normaliser = normaliserMessagingTuning(config);
          return {
            ...messagingOptionsFromConfig(config),
            ...scanner,
            ...normaliser,
            concurrency: { ...scanner.concurrency, ...normaliser.concurrency },
          };
        },
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
