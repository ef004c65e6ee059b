import type { Server } from 'node:http';
import {
  Controller,
  Get,
  Injectable,
  type INestApplication,
  type OnModuleInit,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, defineConfigSchema, serviceBaseFragments } from '@palisade/config';
import { Logger, PinoLogger } from 'nestjs-pino';
import type pino from 'pino';
import request from 'supertest';
import { HealthRegistry } from './health/health-registry.service';
import { MetricsService } from './metrics/metrics.service';
import { ObservabilityModule } from './observability.module';
import { LOG_DESTINATION } from './observability.tokens';

const schema = defineConfigSchema(serviceBaseFragments('widget', { port: 0 }));

/** Stands for messaging or persistence: registers a check and a metric on init. */
@Injectable()
class FakeDependency implements OnModuleInit {
  up = true;

  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.health.register('fake-db', () =>
      this.up ? Promise.resolve() : Promise.reject(new Error('connection refused')),
    );
    this.metrics.counter({ name: 'palisade_widgets_total', help: 'Widgets made' }).inc(3);
  }
}

@Controller('widgets')
class WidgetController {
  constructor(private readonly logger: PinoLogger) {}

  @Get()
  list(): string[] {
    this.logger.info({ credentials: { sessionToken: 'tok-123' } }, 'listing widgets');
    return [];
  }
}

describe('ObservabilityModule', () => {
  const written: string[] = [];
  const destination: pino.DestinationStream = { write: (line: string) => void written.push(line) };
  const logLines = (): Record<string, unknown>[] =>
    written.map((line) => JSON.parse(line) as Record<string, unknown>);
  let app: INestApplication;
  let dependency: FakeDependency;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(schema, { LOG_LEVEL: 'info' }), ObservabilityModule],
      controllers: [WidgetController],
      providers: [FakeDependency],
    })
      .overrideProvider(LOG_DESTINATION)
      .useValue(destination)
      .compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
    dependency = app.get(FakeDependency);
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    written.length = 0;
    dependency.up = true;
  });

  it('should answer GET /health/live with 200 {status: ok}', async () => {
    const response = await request(app.getHttpServer() as Server).get('/health/live');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('should answer GET /health/ready with 200 when every registered check passes', async () => {
    const response = await request(app.getHttpServer() as Server).get('/health/ready');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: { 'fake-db': { status: 'ok' } } });
  });

  it('should answer GET /health/ready with 503 and the failing check', async () => {
    dependency.up = false;

    const response = await request(app.getHttpServer() as Server).get('/health/ready');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: 'unavailable',
      checks: { 'fake-db': { status: 'error', error: 'connection refused' } },
    });
  });

  it('should serve Prometheus text on GET /metrics with default and registered metrics', async () => {
    const response = await request(app.getHttpServer() as Server).get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(response.text).toContain('palisade_widgets_total{service="widget"} 3');
    expect(response.text).toMatch(/^process_resident_memory_bytes\{service="widget"\} \d+/m);
  });

  it('should log requests as JSON with the service name, request id and redacted credentials', async () => {
    const response = await request(app.getHttpServer() as Server)
      .get('/widgets')
      .set('x-request-id', 'req-42')
      .set('authorization', 'Bearer very-secret');

    expect(response.headers['x-request-id']).toBe('req-42');
    const lines = logLines();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        service: 'widget',
        reqId: 'req-42',
        msg: 'listing widgets',
        credentials: '[redacted]',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        service: 'widget',
        req: expect.objectContaining({
          id: 'req-42',
          headers: expect.objectContaining({ authorization: '[redacted]' }) as unknown,
        }) as unknown,
      }),
    );
    expect(written.join('')).not.toMatch(/very-secret|tok-123/);
  });

  it('should make up a request id when the caller sends none or a malformed one', async () => {
    const malformed = await request(app.getHttpServer() as Server)
      .get('/widgets')
      .set('x-request-id', 'not a valid id');
    const missing = await request(app.getHttpServer() as Server).get('/widgets');

    expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should not log probe and scrape requests', async () => {
    await request(app.getHttpServer() as Server).get('/health/live');
    await request(app.getHttpServer() as Server).get('/health/ready');
    await request(app.getHttpServer() as Server).get('/metrics');

    expect(logLines().filter((line) => line.msg === 'request completed')).toEqual([]);
  });

  it('should turn readiness to 503 once the app shuts down', async () => {
    app.get(HealthRegistry).markShuttingDown();

    const response = await request(app.getHttpServer() as Server).get('/health/ready');

    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'unavailable', shuttingDown: true, checks: {} });
    expect((await request(app.getHttpServer() as Server).get('/health/live')).status).toBe(200);
  });
});
