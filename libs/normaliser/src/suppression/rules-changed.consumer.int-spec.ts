// RulesChangedConsumer on the real Postgres, as the service role: a rule's creation, update and
// deletion re-apply the tenant's rules to all its findings; a redelivery changes nothing.
import { Logger } from '@nestjs/common';
import { type RulesChanged } from '@palisade/contracts';
import {
  openTestDataSources,
  SuppressionRulesRepository,
  TenantScope,
  TenantTransactions,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { ACCOUNT_A, ACCOUNT_B, createTenant, insertFindings } from '../test/normaliser-fixtures';
import { RulesChangedConsumer } from './rules-changed.consumer';
import {
  announcedOf,
  createRule,
  deleteRule,
  historyOf,
  suppressedBy,
} from './test/suppression-fixtures';

describe('RulesChangedConsumer (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let consumer: RulesChangedConsumer;
  let A: TenantId;
  let B: TenantId;

  const message = (
    tenantId: TenantId,
    ruleId: string,
    change: RulesChanged['change'],
  ): RulesChanged => ({
    schemaVersion: 1,
    tenantId,
    ruleId,
    change,
    at: new Date().toISOString(),
  });

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    ctx = await openTestDataSources(4);
    consumer = new RulesChangedConsumer(new TenantTransactions(ctx.service));
    A = await createTenant(ctx.service);
    B = await createTenant(ctx.service);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('should apply a created, updated and deleted rule to all findings, once however often delivered', async () => {
    const uids = await insertFindings(ctx.service, A, [
      { accountId: ACCOUNT_A },
      { accountId: ACCOUNT_B },
    ]);
    const [other] = await insertFindings(ctx.service, B, [{ accountId: ACCOUNT_A }]);
    if (other === undefined) throw new Error('no finding');
    const rule = await createRule(ctx.service, A, { accountIds: [ACCOUNT_A] });

    const created = message(A, rule.id, 'created');
    await consumer.onRulesChanged(created);
    await consumer.onRulesChanged(created); // redelivered
    expect(await suppressedBy(ctx.owner, uids)).toEqual([rule.id, null]);
    expect((await historyOf(ctx.owner, A)).map((h) => h.change)).toEqual(['suppressed']);

    await withTenant(ctx.service, A, async (manager) =>
      new SuppressionRulesRepository(await TenantScope.open(manager, A)).update(A, rule.id, {
        accountIds: [ACCOUNT_B],
      }),
    );
    const updated = message(A, rule.id, 'updated');
    await consumer.onRulesChanged(updated);
    await consumer.onRulesChanged(updated);
    expect(await suppressedBy(ctx.owner, uids)).toEqual([null, rule.id]);

    await deleteRule(ctx.service, A, rule.id);
    const deleted = message(A, rule.id, 'deleted');
    await consumer.onRulesChanged(deleted);
    await consumer.onRulesChanged(deleted);
    expect(await suppressedBy(ctx.owner, uids)).toEqual([null, null]);

    // Per finding, in order (one statement records its changes in uid order).
    const history = await historyOf(ctx.owner, A);
    const announced = await announcedOf(ctx.owner, A);
    for (const uid of uids) {
      expect(
        history.filter((h) => h.finding_uid === uid).map((h) => [h.change, h.suppressed_by]),
      ).toEqual([
        ['suppressed', rule.id],
        ['unsuppressed', rule.id],
      ]);
      expect(announced.filter((m) => m.findingUid === uid).map((m) => m.change)).toEqual([
        'suppressed',
        'unsuppressed',
      ]);
    }
    expect(history).toHaveLength(4);
    expect(announced).toHaveLength(4);
    // Tenant B's identical finding was never looked at.
    expect(await suppressedBy(ctx.owner, [other])).toEqual([null]);
    expect(await historyOf(ctx.owner, B)).toEqual([]);
  });
});
