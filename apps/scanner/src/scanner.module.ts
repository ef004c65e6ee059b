import { Module, type ModuleMetadata } from '@nestjs/common';
import { AwsModule, awsOptionsFromConfig } from '@palisade/aws';
import {
  APP_CONFIG,
  ConfigModule,
  type ScannerConfig,
  scannerConfigSchema,
} from '@palisade/config';
import { MessagingModule, messagingOptionsFromConfig } from '@palisade/messaging';
import { ObservabilityModule } from '@palisade/observability';
import { ScannerFeatureModule, scannerMessagingTuning } from '@palisade/scanner';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** What every process has: its config (parsed once, at boot), logs, metrics and health. */
const platform: Imports = [ConfigModule.forRoot(scannerConfigSchema), ObservabilityModule];

/** What this process does: run scan jobs (stateless: no database). */
const service: Imports = [
  MessagingModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ScannerConfig) => ({
      ...messagingOptionsFromConfig(config),
      ...scannerMessagingTuning(config),
    }),
  }),
  AwsModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: ScannerConfig) => ({
      ...awsOptionsFromConfig(config),
      maxAttempts: config.scanner.awsMaxAttempts,
      concurrencyPerAccountService: config.scanner.awsConcurrencyPerService,
    }),
  }),
];

/** The scanner process's root module; main.ts starts it. */
@Module({ imports: [...platform, ...service, ScannerFeatureModule.forRootAsync()] })
export class ScannerAppModule {}
