import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { runExclusive } from './advisory-lock';
import { PeriodicTask } from './periodic-task';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runExclusive across replicas', () => {
  let db: TestDatabase;
  let replicaA: DataSource;
  let replicaB: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    [replicaA, replicaB] = (await Promise.all(
      ['replica-a', 'replica-b'].map((applicationName) =>
        createDataSource({
          url: db.serviceUrl,
          role: 'service',
          applicationName,
          poolSize: 3,
        }).initialize(),
      ),
    )) as [DataSource, DataSource];
  });

  afterAll(async () => {
    await replicaA?.destroy();
    await replicaB?.destroy();
    await db?.drop();
  });

  it('should run exactly one of two concurrent callers on two replicas', async () => {
    const ran: string[] = [];
    const work = (who: string) => async () => {
      ran.push(who);
      await sleep(300);
      return who;
    };
    const results = await Promise.all([
      runExclusive(replicaA, 'outbox-relay', work('a')),
      runExclusive(replicaB, 'outbox-relay', work('b')),
    ]);
    expect(ran).toHaveLength(1);
    expect(results).toEqual(expect.arrayContaining([{ ran: false }, { ran: true, value: ran[0] }]));
  });

  it('should let the other replica run once the holder has finished', async () => {
    let release!: () => void;
    const holding = runExclusive(
      replicaA,
      'retention',
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await sleep(100);
    expect(await runExclusive(replicaB, 'retention', () => Promise.resolve('b'))).toEqual({
      ran: false,
    });
    release();
    expect(await holding).toEqual({ ran: true, value: undefined });
    expect(await runExclusive(replicaB, 'retention', () => Promise.resolve('b'))).toEqual({
      ran: true,
      value: 'b',
    });
  });

  it('should release the lock when the work throws', async () => {
    await expect(
      runExclusive(replicaA, 'stale-jobs', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await runExclusive(replicaB, 'stale-jobs', () => Promise.resolve('after'))).toEqual({
      ran: true,
      value: 'after',
    });
  });

  it('should not make different lock names wait for each other', async () => {
    let release!: () => void;
    const holding = runExclusive(
      replicaA,
      'schedules',
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await sleep(100);
    expect(await runExclusive(replicaB, 'webhook-retries', () => Promise.resolve('other'))).toEqual(
      { ran: true, value: 'other' },
    );
    release();
    await holding;
  });

  it('should never overlap runs of one periodic task scheduled on two replicas', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const run = async () => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      await sleep(40);
      active--;
    };
    const tasks = [replicaA, replicaB].map(
      (replica) =>
        new PeriodicTask(replica, {
          name: 'suppression-expiry',
          intervalMs: 10,
          jitterMs: 10,
          run,
        }),
    );
    tasks.forEach((task) => task.start());
    await sleep(800);
    await Promise.all(tasks.map((task) => task.stop()));
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxActive).toBe(1);
    expect(active).toBe(0);
  });
});
