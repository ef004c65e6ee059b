// applySuppression on the real Postgres, connected as the service role (RLS applies): what each
// criterion matches, how they combine, which rule wins, and what a change records.
import {
  openTestDataSources,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { randomUUID } from 'node:crypto';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  createTenant,
  insertFindings,
} from '../test/normaliser-fixtures';
import { applySuppression } from './apply-suppression';
import {
  announcedOf,
  apply,
  createRule,
  createSource,
  deleteRule,
  expireRule,
  historyOf,
  insertAccounts,
  suppressedBy,
} from './test/suppression-fixtures';

const ROOT = 'r-ab12';
const WORKLOADS = 'ou-ab12-workload';
const PROD = 'ou-ab12-prod0001';
const SANDBOX = 'ou-ab12-sandbox1';

describe('applySuppression (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let tenant: TenantId;

  beforeAll(async () => {
    ctx = await openTestDataSources(4);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  beforeEach(async () => {
    tenant = await createTenant(ctx.service);
  });

  /** Inserts the findings, creates the rule, applies it to every finding: who is suppressed. */
  async function suppressedAmong(
    rule: Parameters<typeof createRule>[2],
    findings: Parameters<typeof insertFindings>[2],
  ): Promise<boolean[]> {
    const uids = await insertFindings(ctx.service, tenant, findings);
    const created = await createRule(ctx.service, tenant, rule);
    await apply(ctx.service, tenant, 'all');
    const by = await suppressedBy(ctx.owner, uids);
    for (const value of by) expect([null, created.id]).toContain(value);
    return by.map((value) => value !== null);
  }

  /** An organization source Root > Workloads > Prod, Root > Sandbox, with accounts in them. */
  async function organization(
    accounts: readonly { accountId: string; ouId: string; tags?: Record<string, string> }[],
  ): Promise<string> {
    const sourceId = await createSource(ctx.service, tenant, {
      ous: [
        { ouId: ROOT, parentId: null },
        { ouId: WORKLOADS, parentId: ROOT },
        { ouId: PROD, parentId: WORKLOADS },
        { ouId: SANDBOX, parentId: ROOT },
      ],
    });
    await insertAccounts(
      ctx.service,
      tenant,
      accounts.map((a) => ({ sourceId, ...a })),
    );
    return sourceId;
  }

  describe('each criterion', () => {
    it('should match on the account id', async () => {
      expect(
        await suppressedAmong({ accountIds: [ACCOUNT_A, ACCOUNT_C] }, [
          { accountId: ACCOUNT_A },
          { accountId: ACCOUNT_B },
          { accountId: ACCOUNT_C },
        ]),
      ).toEqual([true, false, true]);
    });

    it('should match on the region, global included', async () => {
      expect(
        await suppressedAmong({ regions: ['eu-west-1', 'global'] }, [
          { region: 'eu-west-1' },
          { region: 'eu-west-2' },
          { region: 'global' },
          { region: 'us-east-1' },
        ]),
      ).toEqual([true, false, true, false]);
    });

    it('should match on the check, and a rule naming checks never matches an Inspector2 finding', async () => {
      expect(
        await suppressedAmong({ checkIds: ['iam_root_mfa_enabled'] }, [
          { checkId: 'iam_root_mfa_enabled' },
          { checkId: 'iam_root_access_key_absent' },
          { checkId: null },
        ]),
      ).toEqual([true, false, false]);
    });

    it('should match an Inspector2 finding by a rule without checks', async () => {
      expect(
        await suppressedAmong({ accountIds: [ACCOUNT_A] }, [
          { checkId: null, accountId: ACCOUNT_A },
          { checkId: null, accountId: ACCOUNT_B },
        ]),
      ).toEqual([true, false]);
    });

    it('should match the resource glob: * any run, ? one character', async () => {
      expect(
        await suppressedAmong({ resourcePattern: 'arn:aws:s3:::logs-*-eu?' }, [
          { resourceUid: 'arn:aws:s3:::logs-prod-eu1' },
          { resourceUid: 'arn:aws:s3:::logs--eu2' },
          { resourceUid: 'arn:aws:s3:::logs-prod-eu12' },
          { resourceUid: 'arn:aws:s3:::logs-prod-eu' },
          { resourceUid: 'arn:aws:s3:::LOGS-prod-eu1' },
          { resourceUid: 'xarn:aws:s3:::logs-prod-eu1' },
        ]),
      ).toEqual([true, true, false, false, false, false]);
    });

    it('should match %, _ and \\ of a resource uid literally', async () => {
      expect(
        await suppressedAmong({ resourcePattern: 'arn:aws:ssm:*:parameter/a_b%c\\d' }, [
          { resourceUid: 'arn:aws:ssm:eu-west-1:111111111111:parameter/a_b%c\\d' },
          { resourceUid: 'arn:aws:ssm:eu-west-1:111111111111:parameter/aXb%c\\d' },
          { resourceUid: 'arn:aws:ssm:eu-west-1:111111111111:parameter/a_bXYc\\d' },
          { resourceUid: 'arn:aws:ssm:eu-west-1:111111111111:parameter/a_b%cd' },
          { resourceUid: 'arn:aws:ssm:eu-west-1:111111111111:parameter/a_b%c\\\\d' },
        ]),
      ).toEqual([true, false, false, false, false]);
    });

    it('should match an OU and every account beneath it (nested OUs, the root)', async () => {
      await organization([
        { accountId: ACCOUNT_A, ouId: PROD },
        { accountId: ACCOUNT_B, ouId: SANDBOX },
        { accountId: ACCOUNT_C, ouId: ROOT },
      ]);
      const findings = [
        { accountId: ACCOUNT_A },
        { accountId: ACCOUNT_B },
        { accountId: ACCOUNT_C },
        { accountId: '444444444444' }, // in no inventory
      ];
      expect(await suppressedAmong({ ouIds: [WORKLOADS] }, findings)).toEqual([
        true,
        false,
        false,
        false,
      ]);
      tenant = await createTenant(ctx.service);
      await organization([
        { accountId: ACCOUNT_A, ouId: PROD },
        { accountId: ACCOUNT_B, ouId: SANDBOX },
        { accountId: ACCOUNT_C, ouId: ROOT },
      ]);
      expect(await suppressedAmong({ ouIds: [ROOT] }, findings)).toEqual([true, true, true, false]);
      tenant = await createTenant(ctx.service);
      await organization([
        { accountId: ACCOUNT_A, ouId: PROD },
        { accountId: ACCOUNT_B, ouId: SANDBOX },
      ]);
      expect(await suppressedAmong({ ouIds: [SANDBOX, PROD] }, findings)).toEqual([
        true,
        true,
        false,
        false,
      ]);
    });

    it('should match account tags only when the account carries every pair of the rule', async () => {
      await organization([
        { accountId: ACCOUNT_A, ouId: PROD, tags: { env: 'dev', team: 'core', extra: 'x' } },
        { accountId: ACCOUNT_B, ouId: PROD, tags: { env: 'dev' } },
        { accountId: ACCOUNT_C, ouId: PROD, tags: { env: 'prod', team: 'core' } },
      ]);
      expect(
        await suppressedAmong({ tags: { env: 'dev', team: 'core' } }, [
          { accountId: ACCOUNT_A },
          { accountId: ACCOUNT_B },
          { accountId: ACCOUNT_C },
          { accountId: '444444444444' },
        ]),
      ).toEqual([true, false, false, false]);
    });
  });

  describe('the account inventory behind OU and tag criteria', () => {
    it('should match when any source lists the account with the OU or tags', async () => {
      await organization([{ accountId: ACCOUNT_A, ouId: PROD, tags: { env: 'dev' } }]);
      const staticSource = await createSource(ctx.service, tenant, { kind: 'accounts' });
      await insertAccounts(ctx.service, tenant, [
        { sourceId: staticSource, accountId: ACCOUNT_A },
        { sourceId: staticSource, accountId: ACCOUNT_B },
      ]);
      expect(
        await suppressedAmong({ ouIds: [PROD], tags: { env: 'dev' } }, [
          { accountId: ACCOUNT_A },
          { accountId: ACCOUNT_B },
        ]),
      ).toEqual([true, false]);
    });

    it('should ignore removed rows and deleted sources while the account has a current row', async () => {
      // The account moved from Prod (row of a deleted source, and a removed row) to Sandbox.
      const gone = await createSource(ctx.service, tenant, {
        deleted: true,
        ous: [{ ouId: PROD, parentId: null }],
      });
      const old = await createSource(ctx.service, tenant, {
        ous: [{ ouId: PROD, parentId: null }],
      });
      await insertAccounts(ctx.service, tenant, [
        { sourceId: gone, accountId: ACCOUNT_A, ouId: PROD },
        { sourceId: old, accountId: ACCOUNT_A, ouId: PROD, removed: true },
        // Only ever known from a removed row: its last known OU still counts.
        { sourceId: old, accountId: ACCOUNT_B, ouId: PROD, removed: true },
      ]);
      await organization([{ accountId: ACCOUNT_A, ouId: SANDBOX }]);
      expect(
        await suppressedAmong({ ouIds: [PROD] }, [
          { accountId: ACCOUNT_A },
          { accountId: ACCOUNT_B },
        ]),
      ).toEqual([false, true]);
    });
  });

  it('should require every non-empty criterion to match (AND)', async () => {
    await organization([
      { accountId: ACCOUNT_A, ouId: PROD, tags: { env: 'dev' } },
      { accountId: ACCOUNT_B, ouId: PROD, tags: { env: 'prod' } },
      { accountId: ACCOUNT_C, ouId: SANDBOX, tags: { env: 'dev' } },
    ]);
    const rule = {
      accountIds: [ACCOUNT_A, ACCOUNT_B, ACCOUNT_C],
      ouIds: [PROD],
      regions: ['eu-west-1'],
      checkIds: ['s3_bucket_versioning_enabled'],
      resourcePattern: 'arn:aws:s3:::data-*',
      tags: { env: 'dev' },
    };
    const match = {
      accountId: ACCOUNT_A,
      region: 'eu-west-1',
      checkId: 's3_bucket_versioning_enabled',
      resourceUid: 'arn:aws:s3:::data-1',
    };
    expect(
      await suppressedAmong(rule, [
        match,
        { ...match, resourceUid: 'arn:aws:s3:::data-2', accountId: ACCOUNT_B }, // tag
        { ...match, resourceUid: 'arn:aws:s3:::data-3', accountId: ACCOUNT_C }, // OU
        { ...match, region: 'eu-west-2' },
        { ...match, checkId: 's3_bucket_public_access_blocked' },
        { ...match, resourceUid: 'arn:aws:s3:::logs-1' },
        { ...match, accountId: '444444444444' },
      ]),
    ).toEqual([true, false, false, false, false, false, false]);
  });

  it('should suppress with the earliest-created active rule, then move to the next when it goes', async () => {
    const [uid] = await insertFindings(ctx.service, tenant, [{ accountId: ACCOUNT_A }]);
    if (uid === undefined) throw new Error('no finding');
    const later = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    const earlier = await createRule(ctx.service, tenant, { regions: ['eu-west-1'] });
    await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_B] }); // matches nothing here
    // Creation order, not id order, decides: make `earlier` the oldest.
    await ctx.owner.query(`UPDATE public.suppression_rules SET created_at = $2 WHERE id = $1`, [
      earlier.id,
      new Date('2026-01-01T00:00:00Z'),
    ]);

    await apply(ctx.service, tenant, 'all');
    expect(await suppressedBy(ctx.owner, [uid])).toEqual([earlier.id]);

    await deleteRule(ctx.service, tenant, earlier.id);
    expect(await apply(ctx.service, tenant, 'all')).toMatchObject([
      { uid, change: null, suppressedBy: later.id },
    ]);
    expect(await suppressedBy(ctx.owner, [uid])).toEqual([later.id]);

    await expireRule(ctx.owner, later.id);
    expect(await apply(ctx.service, tenant, 'all')).toMatchObject([
      { uid, change: 'unsuppressed', suppressedBy: later.id },
    ]);
    expect(await suppressedBy(ctx.owner, [uid])).toEqual([null]);

    // Suppressed, moved (history only), unsuppressed; announced: suppressed, unsuppressed.
    expect((await historyOf(ctx.owner, tenant)).map((h) => [h.change, h.suppressed_by])).toEqual([
      ['suppressed', earlier.id],
      [null, later.id],
      ['unsuppressed', later.id],
    ]);
    expect((await announcedOf(ctx.owner, tenant)).map((m) => m.change)).toEqual([
      'suppressed',
      'unsuppressed',
    ]);
  });

  it('should record each change with the finding status, its scan and job at ingest, and announce it', async () => {
    const uids = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A, status: 'in_progress', region: 'eu-central-1' },
      { accountId: ACCOUNT_A, status: 'compliant', checkId: 'iam_root_mfa_enabled' },
      { accountId: ACCOUNT_A, checkId: null, status: 'new' },
      { accountId: ACCOUNT_A },
    ]);
    const rule = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    const context = { scanId: randomUUID(), jobId: randomUUID() };
    const batch = uids.slice(0, 3);

    const changes = await apply(ctx.service, tenant, { uids: batch }, context);

    expect(changes.map((c) => c.uid).sort()).toEqual([...batch].sort());
    expect(await suppressedBy(ctx.owner, uids)).toEqual([rule.id, rule.id, rule.id, null]);
    const history = await historyOf(ctx.owner, tenant);
    expect(history).toHaveLength(3);
    const statusOf = new Map([
      [uids[0], 'in_progress'],
      [uids[1], 'compliant'],
      [uids[2], 'new'],
    ]);
    for (const row of history) {
      expect(row).toMatchObject({
        change: 'suppressed',
        suppressed_by: rule.id,
        scan_id: context.scanId,
        job_id: context.jobId,
      });
      expect(row.from_status).toBe(statusOf.get(row.finding_uid));
      expect(row.to_status).toBe(row.from_status);
    }
    const announced = await announcedOf(ctx.owner, tenant);
    expect(announced).toHaveLength(3);
    const inspector = announced.find((m) => m.findingUid === uids[2]);
    expect(inspector).toMatchObject({
      tenantId: tenant,
      change: 'suppressed',
      accountId: ACCOUNT_A,
      region: 'eu-west-1',
      severity: 'high',
      scanId: context.scanId,
    });
    expect(inspector?.checkId).toBeUndefined();
    expect(announced.find((m) => m.findingUid === uids[0])).toMatchObject({
      region: 'eu-central-1',
      checkId: 's3_bucket_public_access_blocked',
    });
  });

  it('should change nothing and record nothing when applied again', async () => {
    const uids = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A },
      { accountId: ACCOUNT_B },
    ]);
    await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    expect(await apply(ctx.service, tenant, 'all')).toHaveLength(1);
    expect(await apply(ctx.service, tenant, 'all')).toEqual([]);
    expect(await apply(ctx.service, tenant, { uids })).toEqual([]);
    expect(await historyOf(ctx.owner, tenant)).toHaveLength(1);
    expect(await announcedOf(ctx.owner, tenant)).toHaveLength(1);
  });

  it('should apply a rule until it expires, never after', async () => {
    const uids = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A },
      { accountId: ACCOUNT_B },
    ]);
    await createRule(ctx.service, tenant, {
      accountIds: [ACCOUNT_A],
      expiresAt: new Date(Date.now() - 1_000),
    });
    const running = await createRule(ctx.service, tenant, {
      accountIds: [ACCOUNT_B],
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await apply(ctx.service, tenant, 'all');
    expect(await suppressedBy(ctx.owner, uids)).toEqual([null, running.id]);
  });

  it('should only unsuppress the findings of inactive rules with the stale target', async () => {
    const uids = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A },
      { accountId: ACCOUNT_B },
      { accountId: ACCOUNT_C },
    ]);
    const kept = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    const expiring = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_B] });
    await apply(ctx.service, tenant, 'all');
    // A rule created without being applied yet (its rules.changed not consumed): not stale's job.
    await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_C] });
    await expireRule(ctx.owner, expiring.id);

    expect(await apply(ctx.service, tenant, 'stale')).toMatchObject([
      { uid: uids[1], change: 'unsuppressed', suppressedBy: expiring.id },
    ]);
    expect(await suppressedBy(ctx.owner, uids)).toEqual([kept.id, null, null]);
    expect(await apply(ctx.service, tenant, 'stale')).toEqual([]);
  });

  it('should announce nothing when Inspector2 itself suppresses the finding', async () => {
    const [uid] = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A, checkId: null, sourceSuppressed: true },
    ]);
    const rule = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    expect(await apply(ctx.service, tenant, 'all')).toMatchObject([
      { uid, change: null, suppressedBy: rule.id },
    ]);
    await deleteRule(ctx.service, tenant, rule.id);
    expect(await apply(ctx.service, tenant, 'all')).toMatchObject([
      { uid, change: null, suppressedBy: null },
    ]);
    expect((await historyOf(ctx.owner, tenant)).map((h) => [h.change, h.suppressed_by])).toEqual([
      [null, rule.id],
      [null, null],
    ]);
    expect(await announcedOf(ctx.owner, tenant)).toEqual([]);
  });

  it("should never touch another tenant's findings (RLS)", async () => {
    const other = await createTenant(ctx.service);
    const [mine] = await insertFindings(ctx.service, tenant, [{ accountId: ACCOUNT_A }]);
    const [theirs] = await insertFindings(ctx.service, other, [{ accountId: ACCOUNT_A }]);
    if (mine === undefined || theirs === undefined) throw new Error('no finding');
    const rule = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });

    await apply(ctx.service, tenant, 'all');
    await apply(ctx.service, tenant, { uids: [mine, theirs] });
    expect(await suppressedBy(ctx.owner, [mine, theirs])).toEqual([rule.id, null]);
    // The other tenant's own run ignores this tenant's rule.
    expect(await apply(ctx.service, other, 'all')).toEqual([]);
    expect(await suppressedBy(ctx.owner, [theirs])).toEqual([null]);
    expect(await historyOf(ctx.owner, other)).toEqual([]);

    // Naming the other tenant inside this tenant's transaction is refused, not silently empty.
    await expect(
      withTenant(ctx.service, tenant, (manager) => applySuppression(manager, other, 'all')),
    ).rejects.toThrow(/needs a transaction scoped to it/);
  });

  it('should return at once for a tenant without rules or suppressed findings', async () => {
    const uids = await insertFindings(ctx.service, tenant, [{ accountId: ACCOUNT_A }]);
    const statements: string[] = [];
    const changes = await withTenant(ctx.service, tenant, (manager, t) => {
      const query = jest.spyOn(manager, 'query');
      return applySuppression(manager, t, { uids }).finally(() => {
        statements.push(...query.mock.calls.map(([sql]) => sql));
      });
    });
    expect(changes).toEqual([]);
    expect(statements).toHaveLength(1);
    expect(await historyOf(ctx.owner, tenant)).toEqual([]);
  });
});
