import { TransientError } from '@palisade/messaging';
import { type TenantTransactions } from '@palisade/persistence';
import { RulesChangedConsumer } from './rules-changed.consumer';

const MESSAGE = {
  schemaVersion: 1 as const,
  tenantId: '6f1c1a52-7a39-4f4e-8f5e-1f1f7a0b9a11',
  ruleId: '0b7e5c1e-3d1b-4b3e-9a55-0c8f5a5d2b77',
  change: 'created' as const,
  at: '2026-03-01T00:00:00.000Z',
};

function consumerFailingWith(error: Error): RulesChangedConsumer {
  const transactions = { withTenant: () => Promise.reject(error) };
  return new RulesChangedConsumer(transactions as unknown as TenantTransactions);
}

describe('RulesChangedConsumer errors', () => {
  it('should turn a database outage into a TransientError (retried in place)', async () => {
    const outage = Object.assign(new Error('terminating connection'), { code: '57P01' });
    const result = consumerFailingWith(outage).onRulesChanged(MESSAGE);
    await expect(result).rejects.toBeInstanceOf(TransientError);
    await expect(result).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', cause: outage });
  });

  it('should let any other error through (dead-lettered)', async () => {
    const bug = Object.assign(new Error('column does not exist'), { code: '42703' });
    await expect(consumerFailingWith(bug).onRulesChanged(MESSAGE)).rejects.toBe(bug);
  });
});
