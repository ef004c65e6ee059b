import { scanJobEventSchema } from '@palisade/contracts';
import { isTransient, TransientError } from '@palisade/messaging';
import { type TenantTransactions } from '@palisade/persistence';
import { JobEventsConsumer } from './job-events.consumer';
import { UnknownJobError } from './job-store';

const event = scanJobEventSchema.parse({
  schemaVersion: 1,
  tenantId: '6f1c2a7e-1111-4111-8111-111111111111',
  scanId: '6f1c2a7e-2222-4222-8222-222222222222',
  jobId: '6f1c2a7e-3333-4333-8333-333333333333',
  accountId: '111111111111',
  at: '2026-03-01T10:00:00.000Z',
  type: 'started',
  worker: 'w1',
});

/** A TenantTransactions whose transaction fails with `error` (what the driver would throw). */
function failingWith(error: Error): TenantTransactions {
  return { withTenant: () => Promise.reject(error) } as unknown as TenantTransactions;
}

describe('JobEventsConsumer error mapping', () => {
  it('should retry in place when the database is unavailable or the transaction deadlocked', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const consumer = new JobEventsConsumer(failingWith(down));
    const thrown = await consumer.onJobEvent(event).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(TransientError);
    expect(thrown).toMatchObject({ code: 'DATABASE_TRANSIENT', cause: down });
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(
      await new JobEventsConsumer(failingWith(deadlock)).onJobEvent(event).catch((e: unknown) => e),
    ).toBeInstanceOf(TransientError);
  });

  it('should let an unknown job dead-letter (a permanent error, unchanged)', async () => {
    const unknown = new UnknownJobError('job x does not exist for tenant y');
    const consumer = new JobEventsConsumer(failingWith(unknown));
    const thrown = await consumer.onJobEvent(event).catch((e: unknown) => e);
    expect(thrown).toBe(unknown);
    expect(isTransient(thrown)).toBe(false);
  });
});
