// The normaliser as deployed: its own OS process, the real Kafka broker, and a Postgres server of
// this spec's own that it restarts in the middle of ingest (the suite's shared server must stay up).
import { randomUUID } from 'node:crypto';
import { encodeMessage, type FindingsRaw, Topics } from '@palisade/contracts';
import { createDataSource, createTestDatabase, type TestDatabase } from '@palisade/persistence';
import {
  depsEnv,
  type PrivatePostgres,
  type ServiceProcess,
  startPrivatePostgres,
  startServiceProcess,
} from '@palisade/testing';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { type DataSource } from 'typeorm';
import {
  checkBatch,
  createScan,
  createSource,
  createTenant,
  result,
  type TestScan,
} from './test/normaliser-fixtures';

const ACCOUNTS = ['222222222201', '222222222202', '222222222203', '222222222204'];
const BATCHES_PER_ACCOUNT = 15;
const RESULTS_PER_BATCH = 400;
const CHECK = 's3_bucket_secure_transport_policy';

jest.setTimeout(240_000);

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 120_000,
  explain: () => Promise<string> = () => Promise.resolve(''),
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the normaliser process on Kafka and a Postgres that restarts', () => {
  let pg: PrivatePostgres;
  let db: TestDatabase;
  let service: DataSource;
  let owner: DataSource;
  let app: ServiceProcess;
  let producer: Producer;
  let scan: TestScan;
  const prefix = `t${randomUUID().slice(0, 8)}.`;
  const kafka = new Kafka({
    clientId: 'normaliser-process-spec',
    brokers: depsEnv('PALISADE_KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    db = await createTestDatabase({ host: pg.host, port: pg.port, superuser: pg.superuser });
    service = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 2,
    }).initialize();
    owner = await createDataSource({ url: db.ownerUrl, role: 'owner', poolSize: 2 }).initialize();
    const tenantId = await createTenant(service);
    const sourceId = await createSource(
      service,
      tenantId,
      ACCOUNTS.map((accountId) => ({ accountId })),
    );
    scan = await createScan(service, tenantId, sourceId, ACCOUNTS);
    app = await startServiceProcess({
      entry: 'apps/normaliser/src/main.ts',
      env: {
        KAFKA_BROKERS: depsEnv('PALISADE_KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_PREFIX: prefix,
        KAFKA_CLIENT_ID: 'palisade-normaliser-restart-test',
        DATABASE_URL: db.serviceUrl,
        NORMALISER_INGEST_BATCH_MESSAGES: '2',
      },
    });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.stop('SIGTERM');
    await service?.destroy();
    await owner?.destroy();
    await pg?.close();
  });

  const raw = (message: FindingsRaw) => {
    const { key, value } = encodeMessage(Topics.findingsRaw, message);
    return { key, value };
  };

  it('stores every result exactly once across a Postgres restart, and dead-letters poison messages', async () => {
    const producedAt = new Date();
    const messages = ACCOUNTS.flatMap((accountId) =>
      Array.from({ length: BATCHES_PER_ACCOUNT }, (_, seq) =>
        raw(
          checkBatch(
            scan,
            accountId,
            seq,
            Array.from({ length: RESULTS_PER_BATCH }, (_, i) =>
              result(CHECK, i % 4 === 0 ? 'FAIL' : 'PASS', `b-${accountId}-${seq}-${i}`),
            ),
            producedAt,
          ),
        ),
      ),
    );
    const unknownJob = raw({
      ...checkBatch(scan, ACCOUNTS[0]!, 99, [result(CHECK, 'FAIL', 'x')], producedAt),
      jobId: randomUUID(),
    });
    const topic = `${prefix}${Topics.findingsRaw.name}`;
    const all = [
      ...messages.slice(0, 10),
      { key: ACCOUNTS[1]!, value: '{not json' },
      { key: ACCOUNTS[2]!, value: JSON.stringify({ schemaVersion: 1, kind: 'check-results' }) },
      unknownJob,
      ...messages.slice(10),
    ];
    // A few messages per request: the broker caps one request's size.
    for (let i = 0; i < all.length; i += 4) {
      await producer.send({ topic, messages: all.slice(i, i + 4) });
    }

    const count = async () =>
      (await owner.query<{ n: number }[]>('SELECT count(*)::int AS n FROM public.findings'))[0]!.n;
    await waitFor('the first findings', async () => ((await count()) > 0 ? true : undefined));
    const beforeRestart = await count();
    await pg.stop();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await pg.start();

    const expected = ACCOUNTS.length * BATCHES_PER_ACCOUNT * RESULTS_PER_BATCH;
    // The restart fell in the middle of the ingest, not after it.
    expect(beforeRestart).toBeLessThan(expected);
    await waitFor(
      'every finding',
      async () => ((await count()) === expected ? true : undefined),
      120_000,
      async () =>
        `${await count()} of ${expected} stored; the normaliser's warnings and errors:\n` +
        app.lines
          .filter((l) => l['level'] === 'warn' || l['level'] === 'error')
          .slice(-15)
          .map((l) => JSON.stringify([l['msg'], l['code'], l['reason']]))
          .join('\n'),
    );
    const [totals] = await owner.query<
      { batches: number; announced: number; history: number; distinct_history: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM public.scan_job_batches) AS batches,
              (SELECT count(*)::int FROM public.outbox
                WHERE topic = $1) AS announced,
              (SELECT count(*)::int FROM public.finding_history) AS history,
              (SELECT count(DISTINCT finding_uid)::int FROM public.finding_history) AS distinct_history`,
      [Topics.findingsChanged.name],
    );
    const failing = expected / 4;
    expect(totals).toEqual({
      batches: ACCOUNTS.length * BATCHES_PER_ACCOUNT,
      announced: failing,
      // One history row per finding (its first status), none twice.
      history: expected,
      distinct_history: expected,
    });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const dlq = await waitFor('three dead letters', async () => {
        const offsets = await admin.fetchTopicOffsets(`${topic}.dlq`);
        const total = offsets.reduce((sum, p) => sum + Number(p.high), 0);
        return total === 3 ? total : undefined;
      });
      expect(dlq).toBe(3);
    } finally {
      await admin.disconnect();
    }
  });
});
