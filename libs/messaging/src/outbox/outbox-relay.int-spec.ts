import { type ScanRequested, Topics } from '@palisade/contracts';
import {
  claimOutboxBatch,
  createDataSource,
  createTestDatabase,
  type TestDatabase,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { KafkaTransport } from '../kafka/kafka-transport';
import { KafkaTestKit, kafkaTestOptions, uniquePrefix } from '../testing/kafka-test-kit';
import { uuidFor, waitFor } from '../testing/wait-for';
import { enqueueOutbox } from './enqueue-outbox';
import { OUTBOX_ID_HEADER, OutboxRelay } from './outbox-relay';

function requested(tenant: number, seq: number): ScanRequested {
  return {
    schemaVersion: 1,
    scanId: uuidFor(tenant * 1000 + seq, 5),
    tenantId: uuidFor(tenant, 6),
    sourceId: uuidFor(1, 7),
    trigger: { kind: 'api' },
    scope: {},
    idempotencyKey: `t${tenant}-${seq}`,
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('OutboxRelay on the real Postgres and Kafka', () => {
  const prefix = uniquePrefix('outbox');
  const kit = new KafkaTestKit(prefix);
  const topic = kit.physical(Topics.scanRequested);
  let db: TestDatabase;
  let replicaA: DataSource;
  let replicaB: DataSource;
  let transportA: KafkaTransport;
  let transportB: KafkaTransport;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    [replicaA, replicaB] = (await Promise.all(
      ['a', 'b'].map((r) =>
        createDataSource({
          url: db.serviceUrl,
          role: 'service',
          poolSize: 3,
          applicationName: `relay-${r}`,
        }).initialize(),
      ),
    )) as [DataSource, DataSource];
    transportA = new KafkaTransport(kafkaTestOptions(prefix));
    transportB = new KafkaTransport(kafkaTestOptions(prefix));
    await transportA.provision();
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await Promise.all([transportA?.close(), transportB?.close()]);
    await Promise.all([replicaA?.destroy(), replicaB?.destroy()]);
    await db?.drop();
    await kit.close();
  });

  async function enqueue(tenant: number, seqs: number[]): Promise<void> {
    await withTenant(replicaA, uuidFor(tenant, 6), async (manager) => {
      for (const seq of seqs) {
        await enqueueOutbox(manager, Topics.scanRequested, requested(tenant, seq), {
          headers: { 'x-origin': 'api' },
        });
      }
    });
  }

  it('should publish every committed row exactly once with two relays running, and nothing of a rolled-back transaction', async () => {
    for (const tenant of [1, 2, 3]) {
      await enqueue(tenant, [1, 2, 3, 4, 5]);
    }
    await expect(
      withTenant(replicaA, uuidFor(1, 6), async (manager) => {
        await enqueueOutbox(manager, Topics.scanRequested, requested(1, 999));
        throw new Error('the business write failed');
      }),
    ).rejects.toThrow('the business write failed');

    relays.push(
      new OutboxRelay(replicaA, transportA, { batchSize: 4, intervalMs: 30 }),
      new OutboxRelay(replicaB, transportB, { batchSize: 4, intervalMs: 30 }),
    );
    relays.forEach((r) => r.start());
    for (const tenant of [1, 2, 3]) {
      await enqueue(tenant, [6, 7, 8, 9, 10]); // while both relays run
    }

    await waitFor('30 messages on the topic', async () => (await kit.count(topic)) >= 30, 20_000);
    await waitFor('the outbox drained', () =>
      replicaA.transaction(async (m) => (await claimOutboxBatch(m, 100)).length === 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would land by now
    expect(await kit.count(topic)).toBe(30);

    const messages = await kit.read(topic, 30);
    const keys = messages.map((m) => (JSON.parse(m.value ?? '{}') as ScanRequested).idempotencyKey);
    expect(new Set(keys).size).toBe(30);
    expect(keys).not.toContain('t1-999');
    expect(new Set(messages.map((m) => m.headers[OUTBOX_ID_HEADER])).size).toBe(30);
    expect(messages.every((m) => m.headers['x-origin'] === 'api')).toBe(true);
    for (const tenant of [1, 2, 3]) {
      const ofTenant = messages.filter((m) => m.key === uuidFor(tenant, 6));
      expect(
        ofTenant.map((m) => (JSON.parse(m.value ?? '{}') as ScanRequested).idempotencyKey),
      ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seq) => `t${tenant}-${seq}`));
    }
  });

  it('should refuse an invalid message at enqueue and roll the transaction back', async () => {
    const invalid = { ...requested(4, 1), scanId: 'nope' };
    await expect(
      withTenant(replicaA, uuidFor(4, 6), (manager) =>
        enqueueOutbox(manager, Topics.scanRequested, invalid),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(replicaA.transaction((m) => claimOutboxBatch(m, 100))).resolves.toEqual([]);
  });
});
