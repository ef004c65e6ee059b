import { Module, type DynamicModule } from '@nestjs/common';
import type { ConfigSchema } from './config-schema';
import type { ConfigTree } from './config-tree';
import { loadConfig, type Env } from './load-config';
import { APP_CONFIG, CONFIG_ENV } from './config.tokens';

@Module({})
export class ConfigModule {
  /**
   * Parses the environment with the app's schema once, when the app is created, and provides
   * the result everywhere (global) under APP_CONFIG. A bad environment fails the app's
   * creation with a ConfigError listing every bad variable.
   */
  static forRoot(schema: ConfigSchema<ConfigTree>, env?: Env): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        env === undefined
          ? { provide: CONFIG_ENV, useFactory: (): Env => process.env }
          : { provide: CONFIG_ENV, useValue: env },
        {
          provide: APP_CONFIG,
          useFactory: (source: Env) => loadConfig(schema, source),
          inject: [CONFIG_ENV],
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
