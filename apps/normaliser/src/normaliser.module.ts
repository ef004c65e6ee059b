import { Module, type ModuleMetadata } from '@nestjs/common';
import {
  APP_CONFIG,
  ConfigModule,
  type NormaliserConfig,
  normaliserConfigSchema,
} from '@palisade/config';
import { MessagingModule, messagingOptionsFromConfig } from '@palisade/messaging';
import { NormaliserFeatureModule, normaliserMessagingTuning } from '@palisade/normaliser';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(normaliserConfigSchema), ObservabilityModule];

/** What this process does: persistence and messaging (readiness: postgres and kafka). */
const service: Imports = [
  PersistenceModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: NormaliserConfig) => persistenceOptionsFromConfig(config),
  }),
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: NormaliserConfig) => ({
      ...messagingOptionsFromConfig(config),
      ...normaliserMessagingTuning(config),
    }),
  }),
];

/** The normaliser process's root module; main.ts starts it. */
@Module({ imports: [...platform, ...service, NormaliserFeatureModule.forRoot()] })
export class NormaliserAppModule {}
