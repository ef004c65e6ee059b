import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type ServiceBaseConfig } from '@palisade/config';
import { LoggerModule } from 'nestjs-pino';
import type pino from 'pino';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry.service';
import { loggerParams } from './logging/logger-params';
import { logDestination } from './logging/stdout-destination';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { LOG_DESTINATION } from './observability.tokens';

/**
 * Logging, metrics and health for one app, configured from the app's config (APP_CONFIG, so
 * ConfigModule.forRoot must be imported beside it). Global: any module injects
 * HealthRegistry, MetricsService or nestjs-pino's PinoLogger without importing it.
 * Serves GET /health/live, GET /health/ready and GET /metrics.
 */
@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [
        {
          provide: LOG_DESTINATION,
          inject: [APP_CONFIG],
          useFactory: (config: ServiceBaseConfig) => logDestination(config),
        },
      ],
      inject: [APP_CONFIG, LOG_DESTINATION],
      useFactory: (config: ServiceBaseConfig, destination: pino.DestinationStream) =>
        loggerParams(config, destination),
    }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    {
      provide: HealthRegistry,
      inject: [APP_CONFIG],
      useFactory: (config: ServiceBaseConfig) =>
        new HealthRegistry({ checkTimeoutMs: config.health.checkTimeoutMs }),
    },
    {
      provide: MetricsService,
      inject: [APP_CONFIG],
      useFactory: (config: ServiceBaseConfig) =>
        new MetricsService({ service: config.service.name }),
    },
  ],
  exports: [HealthRegistry, MetricsService],
})
export class ObservabilityModule {}
