import { Module, type ModuleMetadata } from '@nestjs/common';
import { ApiFeatureModule } from '@palisade/api';
import { AwsModule, awsOptionsFromConfig } from '@palisade/aws';
import { APP_CONFIG, ConfigModule, type ApiConfig, apiConfigSchema } from '@palisade/config';
import {
  MessagingModule,
  messagingOptionsFromConfig,
  outboxRelayProvider,
} from '@palisade/messaging';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(apiConfigSchema), ObservabilityModule];

/** What this process does: the REST API over persistence, messaging and AWS (test-connection). */
const service: Imports = [
  PersistenceModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ApiConfig) => persistenceOptionsFromConfig(config),
  }),
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ApiConfig) => messagingOptionsFromConfig(config),
  }),
  AwsModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ApiConfig) => awsOptionsFromConfig(config),
  }),
  ApiFeatureModule,
];

/**
 * The api process's root module; main.ts starts it. It relays the outbox too, so a scan it
 * accepted is published even while discovery is down.
 */
@Module({ imports: [...platform, ...service], providers: [outboxRelayProvider()] })
export class ApiAppModule {}
