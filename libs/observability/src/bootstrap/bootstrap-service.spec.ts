import { createServer, type Server } from 'node:net';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import {
  ConfigModule,
  databaseFragment,
  defineConfigSchema,
  serviceBaseFragments,
  type Env,
} from '@palisade/config';
import { HealthRegistry } from '../health/health-registry.service';
import { stdoutDestination } from '../logging/stdout-destination';
import { ObservabilityModule } from '../observability.module';
import { bootstrapService } from './bootstrap-service';

const schema = defineConfigSchema({
  ...serviceBaseFragments('tiny', { port: 0 }),
  database: databaseFragment(),
});
const GOOD_ENV = {
  HOST: '127.0.0.1',
  DATABASE_URL: 'postgres://tiny:db-secret-pw@db.internal:5432/tiny',
};

function appModule(env: Env): Type<unknown> {
  @Module({ imports: [ConfigModule.forRoot(schema, env), ObservabilityModule] })
  class TinyModule {}
  return TinyModule;
}

/** Captures the JSON lines written to stdout, and process.exit calls. */
function captureProcess(): { lines: () => Record<string, unknown>[]; exited: Promise<number> } {
  const written: string[] = [];
  jest.spyOn(stdoutDestination(), 'write').mockImplementation((line: string) => {
    written.push(line);
    return true;
  });
  let onExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    onExit = resolve;
  });
  jest.spyOn(process, 'exit').mockImplementation(((code: number) => onExit(code)) as never);
  return {
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

describe('bootstrapService', () => {
  // An app a failed assertion left running, closed so it cannot leak into the next test.
  let openApp: INestApplication | undefined;

  afterEach(async () => {
    await openApp?.close();
    openApp = undefined;
  });

  it('should listen, log a started line with the redacted config, and exit 0 on SIGTERM', async () => {
    const { lines, exited } = captureProcess();
    const signalListeners = process.listenerCount('SIGTERM');

    const { app, url } = await bootstrapService({ name: 'tiny', module: appModule(GOOD_ENV) });
    openApp = app;

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const live = await fetch(`${url}/health/live`);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(live.headers.get('x-powered-by')).toBeNull();
    const started = lines().find((line) => line.msg === 'started');
    expect(started).toMatchObject({
      level: 'info',
      service: 'tiny',
      url,
      config: { service: { name: 'tiny' }, database: { url: '[redacted]', poolSize: 10 } },
    });
    expect(lines().every((line) => line.service === 'tiny')).toBe(true);

    openApp = undefined;
    process.emit('SIGTERM', 'SIGTERM');
    const notReadyAtOnce = app.get(HealthRegistry).isShuttingDown;

    await expect(exited).resolves.toBe(0);
    expect(notReadyAtOnce).toBe(true);
    expect(lines()).toContainEqual(
      expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }),
    );
    expect(process.listenerCount('SIGTERM')).toBe(signalListeners);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    expect(JSON.stringify(lines())).not.toContain('db-secret-pw');
  });

  it('should log one fatal line listing every bad variable and exit 1 on a bad environment', async () => {
    const { lines, exited } = captureProcess();

    await bootstrapService({
      name: 'tiny',
      module: appModule({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://tiny:db-secret-pw@db/tiny',
      }),
    });

    await expect(exited).resolves.toBe(1);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'fatal',
        service: 'tiny',
        msg:
          'Invalid configuration (3 problems): PORT: must be an integer from 0 to 65535; ' +
          'LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent; ' +
          'DATABASE_URL: must be a postgres:// or postgresql:// URL',
        issues: [
          { variable: 'PORT', problem: 'must be an integer from 0 to 65535' },
          {
            variable: 'LOG_LEVEL',
            problem: 'must be one of trace, debug, info, warn, error, fatal, silent',
          },
          { variable: 'DATABASE_URL', problem: 'must be a postgres:// or postgresql:// URL' },
        ],
      }),
    ]);
    expect(JSON.stringify(lines())).not.toContain('db-secret-pw');
  });

  it('should log the error and exit 1 when the port is taken', async () => {
    const blocker = await listeningServer();
    const port = (blocker.address() as { port: number }).port;
    const { lines, exited } = captureProcess();

    await bootstrapService({
      name: 'tiny',
      module: appModule({ ...GOOD_ENV, PORT: String(port) }),
    });

    await expect(exited).resolves.toBe(1);
    expect(lines().at(-1)).toMatchObject({
      level: 'fatal',
      service: 'tiny',
      msg: 'failed to start',
      err: { code: 'EADDRINUSE' },
    });
    await new Promise((resolve) => blocker.close(resolve));
  });
});

function listeningServer(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
