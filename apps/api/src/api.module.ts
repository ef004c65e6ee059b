import { Module, type ModuleMetadata } from '@nestjs/common';
import { APP_CONFIG, ConfigModule, type ApiConfig, apiConfigSchema } from '@palisade/config';
import { MessagingModule, messagingOptionsFromConfig } from '@palisade/messaging';
import { ObservabilityModule } from '@palisade/observability';
import { PersistenceModule, persistenceOptionsFromConfig } from '@palisade/persistence';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(apiConfigSchema), ObservabilityModule];

/** What this process does: persistence and messaging (readiness: postgres and kafka). */
const service: Imports = [
  PersistenceModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ApiConfig) => persistenceOptionsFromConfig(config),
  }),
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ApiConfig) => messagingOptionsFromConfig(config),
  }),
];

/** The api process's root module; main.ts starts it. */
@Module({ imports: [...platform, ...service] })
export class ApiAppModule {}
