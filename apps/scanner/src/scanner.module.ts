import { Module, type ModuleMetadata } from '@nestjs/common';
import {
  APP_CONFIG,
  ConfigModule,
  type ScannerConfig,
  scannerConfigSchema,
} from '@palisade/config';
import { MessagingModule, messagingOptionsFromConfig } from '@palisade/messaging';
import { ObservabilityModule } from '@palisade/observability';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(scannerConfigSchema), ObservabilityModule];

/** What this process does: messaging (the scanner is stateless: no database). */
const service: Imports = [
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ScannerConfig) => messagingOptionsFromConfig(config),
  }),
];

/** The scanner process's root module; main.ts starts it. */
@Module({ imports: [...platform, ...service] })
export class ScannerAppModule {}
