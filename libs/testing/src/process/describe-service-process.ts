import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import { depsEnv } from '../deps/deps-env';
import { startServiceProcess, type ServiceProcess } from './service-process';

export interface ServiceProcessSpec {
  readonly name: string;
  readonly entry: string;
  /** Whether the service connects to Postgres (its readiness then includes it). */
  readonly database: boolean;
}

/**
 * The same boot contract for every service, as a separate OS process against the real broker
 * and Postgres: it starts, logs only JSON lines naming itself, answers liveness, readiness
 * (with its dependencies) and Prometheus metrics, and exits 0 on SIGTERM.
 */
export function describeServiceProcess(spec: ServiceProcessSpec): void {
  describe(`the ${spec.name} process`, () => {
    let database: TestDatabase | undefined;
    let service: ServiceProcess;

    beforeAll(async () => {
      database = spec.database ? await createTestDatabase() : undefined;
      service = await startServiceProcess({
        entry: spec.entry,
        env: {
          KAFKA_BROKERS: depsEnv('PALISADE_KAFKA_BROKERS'),
          KAFKA_CLIENT_ID: `palisade-${spec.name}-boot-test`,
          ...(database ? { DATABASE_URL: database.serviceUrl } : {}),
        },
      });
    }, 90_000);

    afterAll(async () => {
      await service?.stop('SIGKILL');
      await database?.drop();
    });

    it('should answer liveness and Prometheus metrics', async () => {
      const live = await fetch(`${service.url}/health/live`);
      expect(live.status).toBe(200);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain(`process_cpu_user_seconds_total{service="${spec.name}"}`);
    });

    it(`should be ready only with ${spec.database ? 'Postgres and ' : ''}the Kafka broker reachable`, async () => {
      const ready = await fetch(`${service.url}/health/ready`);
      const body = (await ready.json()) as {
        status: string;
        checks: Record<string, { status: string }>;
      };
      expect(ready.status).toBe(200);
      expect(Object.keys(body.checks).sort()).toEqual(
        spec.database ? ['kafka', 'postgres'] : ['kafka'],
      );
      expect(Object.values(body.checks).every((check) => check.status === 'ok')).toBe(true);
    });

    it('should log only JSON lines that name the service, then exit 0 on SIGTERM', async () => {
      const code = await service.stop('SIGTERM');
      expect(code).toBe(0);
      expect(service.lines.length).toBeGreaterThan(1);
      expect(service.lines.filter((line) => line['service'] !== spec.name)).toEqual([]);
      expect(service.lines.some((line) => line['msg'] === 'shutting down')).toBe(true);
    });
  });
}
