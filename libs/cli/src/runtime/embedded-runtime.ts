import { type NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { type Env } from '@palisade/config';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { embeddedAppModule } from './embedded-app.module';

export interface EmbeddedRuntime {
  readonly app: NestExpressApplication;
  readonly dataSource: DataSource;
  /** Closes every module (consumers drain, periodic work stops, the pool closes). */
  close(): Promise<void>;
}

/**
 * Boots the four services in this process over `env` (TRANSPORT=in-process, the database
 * URL, LOG_FILE …). Their log lines go where LOG_FILE says: the terminal stays the person's.
 */
export async function startEmbeddedRuntime(env: Env): Promise<EmbeddedRuntime> {
  const app = await NestFactory.create<NestExpressApplication>(embeddedAppModule(env), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.useLogger(app.get(Logger));
  app.flushLogs();
  await app.init();
  let closed: Promise<void> | undefined;
  return {
    app,
    dataSource: app.get(DataSource),
    close: () => (closed ??= app.close()),
  };
}
