export {
  bootstrapService,
  type BootstrapServiceOptions,
  type RunningService,
  type ShutdownSignal,
} from './bootstrap/bootstrap-service';
export { logBootFailure } from './bootstrap/boot-failure';
export { HealthController } from './health/health.controller';
export {
  HealthRegistry,
  type CheckResult,
  type HealthRegistryOptions,
  type ReadinessCheck,
  type ReadinessReport,
} from './health/health-registry.service';
export { createLogger, type CreateLoggerOptions } from './logging/create-logger';
export { LOG_CENSOR, LOG_REDACT_PATHS } from './logging/log-redaction';
export { stdoutDestination } from './logging/stdout-destination';
export { MetricsController } from './metrics/metrics.controller';
export { MetricsService, type MetricsServiceOptions } from './metrics/metrics.service';
export { ObservabilityModule } from './observability.module';
export { LOG_DESTINATION } from './observability.tokens';
