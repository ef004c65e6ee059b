import { Logger as NestLogger, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, redactConfig, type ServiceBaseConfig } from '@palisade/config';
import { Logger } from 'nestjs-pino';
import { HealthRegistry } from '../health/health-registry.service';
import { createLogger } from '../logging/create-logger';
import { logBootFailure } from './boot-failure';

export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

export interface BootstrapServiceOptions {
  /** The service's name, for the boot-failure line written before its config is known. */
  readonly name: string;
  /** The app's root module: ConfigModule.forRoot(<schema>), ObservabilityModule, its features. */
  readonly module: Type<unknown>;
  /** Applied to the app before it listens (global pipes, filters, prefixes). */
  readonly configure?: (app: INestApplication) => void | Promise<void>;
  readonly signals?: readonly ShutdownSignal[];
}

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
}

const BOOTSTRAP = 'Bootstrap';

/**
 * Starts an app the one way every Palisade service starts: JSON logs from the first line,
 * config parsed once, listening on HOST:PORT, one "started" line with the redacted config.
 * On SIGTERM or SIGINT readiness turns 503 at once, Nest's shutdown hooks close every module
 * and the process exits 0. If the app cannot start (a ConfigError listing every bad variable,
 * a port in use, a module failing to initialise) it logs one fatal line and exits 1.
 */
export async function bootstrapService(options: BootstrapServiceOptions): Promise<RunningService> {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  try {
    const app = await NestFactory.create<NestExpressApplication>(options.module, {
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
    });
    app.disable('x-powered-by');
    const logger = app.get(Logger);
    app.useLogger(logger);
    app.flushLogs();
    app.enableShutdownHooks([...signals], { useProcessExit: true });
    stopReadinessOnSignal(app.get(HealthRegistry), logger, signals);
    await options.configure?.(app);

    const config = app.get<ServiceBaseConfig>(APP_CONFIG);
    await app.listen(config.http.port, config.http.host);
    const url = await app.getUrl();
    logger.log({ url, config: redactConfig(config) }, 'started', BOOTSTRAP);
    return { app, url };
  } catch (error) {
    // Drop Nest's buffered start-up lines (they would print as plain text): the one fatal
    // JSON line below says what went wrong.
    NestLogger.overrideLogger(false);
    NestLogger.flush();
    logBootFailure(createLogger({ service: options.name, level: 'info' }), error);
    return process.exit(1);
  }
}

function stopReadinessOnSignal(
  health: HealthRegistry,
  logger: Logger,
  signals: readonly ShutdownSignal[],
): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const each of signals) {
      process.removeListener(each, onSignal);
    }
    health.markShuttingDown();
    logger.log({ signal }, 'shutting down', BOOTSTRAP);
  };
  // Before Nest's own listener, so readiness is 503 before any module starts closing.
  for (const signal of signals) {
    process.prependListener(signal, onSignal);
  }
}
