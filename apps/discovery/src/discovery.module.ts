import { Module, type ModuleMetadata } from '@nestjs/common';
import { AwsModule, awsOptionsFromConfig } from '@palisade/aws';
import {
  APP_CONFIG,
  ConfigModule,
  type DiscoveryConfig,
  discoveryConfigSchema,
} from '@palisade/config';
import { DiscoveryFeatureModule } from '@palisade/discovery';
import {
  MessagingModule,
  messagingOptionsFromConfig,
  outboxRelayProvider,
} from '@palisade/messaging';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(discoveryConfigSchema), ObservabilityModule];

/** What this process does: discovery's features over persistence, messaging and AWS. */
const service: Imports = [
  PersistenceModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: DiscoveryConfig) => persistenceOptionsFromConfig(config),
  }),
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: DiscoveryConfig) => messagingOptionsFromConfig(config),
  }),
  AwsModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: DiscoveryConfig) => awsOptionsFromConfig(config),
  }),
  DiscoveryFeatureModule.forRoot(),
];

/** The discovery process's root module; main.ts starts it (it also relays the outbox). */
@Module({ imports: [...platform, ...service], providers: [outboxRelayProvider()] })
export class DiscoveryAppModule {}
