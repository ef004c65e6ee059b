import { applyScope } from './account-scope';
import { type AccountState, type OrganizationAccount } from './organization-inventory';

// Tree: r-root ─┬─ ou-prod ── ou-prod-apps
//               └─ ou-dev
const ROOT = 'r-root';
const PROD = 'ou-root-prod0000';
const APPS = 'ou-root-apps0000';
const DEV = 'ou-root-dev00000';

function account(
  accountId: string,
  ancestorOuIds: string[],
  extra: { state?: AccountState; tags?: Record<string, string> } = {},
): OrganizationAccount {
  const ouId = ancestorOuIds[ancestorOuIds.length - 1] ?? ROOT;
  return {
    accountId,
    name: `acct-${accountId.slice(-2)}`,
    email: `${accountId}@example.com`,
    state: extra.state ?? 'ACTIVE',
    joinedAt: '2026-01-01T00:00:00.000Z',
    ouId,
    ouPath: ouId,
    ancestorOuIds,
    tags: extra.tags ?? {},
  };
}

const mgmt = account('100000000000', [ROOT]);
const prod = account('100000000001', [ROOT, PROD], { tags: { env: 'prod', team: 'pay' } });
const app = account('100000000002', [ROOT, PROD, APPS], { tags: { env: 'prod', team: 'web' } });
const dev = account('100000000003', [ROOT, DEV], { tags: { env: 'dev', team: 'web' } });
const all = [mgmt, prod, app, dev];
const ids = (xs: { accountId: string }[]) => xs.map((x) => x.accountId);

describe('applyScope', () => {
  it('should take every ACTIVE account when the scope is empty', () => {
    const r = applyScope(all, {});
    expect(ids(r.inScope)).toEqual(ids(all));
    expect(r.skipped).toEqual([]);
  });

  it('should include the accounts of an included OU and of every OU beneath it', () => {
    const r = applyScope(all, { includeOus: [PROD] });
    expect(ids(r.inScope)).toEqual([prod.accountId, app.accountId]);
    expect(r.skipped.map((s) => [s.accountId, s.reason])).toEqual([
      [mgmt.accountId, 'OUT_OF_SCOPE'],
      [dev.accountId, 'OUT_OF_SCOPE'],
    ]);
  });

  it('should include everything under the root when the root id is included', () => {
    expect(ids(applyScope(all, { includeOus: [ROOT] }).inScope)).toEqual(ids(all));
  });

  it('should exclude a nested OU even inside an included one', () => {
    const r = applyScope(all, { includeOus: [PROD], excludeOus: [APPS] });
    expect(ids(r.inScope)).toEqual([prod.accountId]);
    expect(r.skipped.find((s) => s.accountId === app.accountId)).toMatchObject({
      reason: 'OUT_OF_SCOPE',
      detail: `excluded by OU ${APPS}`,
    });
  });

  it('should add listed accounts to the included OUs (union)', () => {
    const r = applyScope(all, { includeOus: [DEV], includeAccounts: [mgmt.accountId] });
    expect(ids(r.inScope)).toEqual([mgmt.accountId, dev.accountId]);
  });

  it('should let an account exclusion win over its inclusion', () => {
    const r = applyScope(all, {
      includeAccounts: [prod.accountId],
      excludeAccounts: [prod.accountId],
    });
    expect(r.inScope).toEqual([]);
    expect(r.skipped.find((s) => s.accountId === prod.accountId)?.detail).toBe(
      'excluded by account id',
    );
  });

  it('should require every included tag, each matching any of its values', () => {
    const r = applyScope(all, {
      includeTags: [
        { key: 'env', values: ['prod', 'staging'] },
        { key: 'team', values: ['web'] },
      ],
    });
    expect(ids(r.inScope)).toEqual([app.accountId]);
    expect(r.skipped.find((s) => s.accountId === prod.accountId)?.detail).toBe(
      'lacks included tag team',
    );
  });

  it('should match a tag filter without values on the key alone', () => {
    expect(ids(applyScope(all, { includeTags: [{ key: 'team' }] }).inScope)).toEqual([
      prod.accountId,
      app.accountId,
      dev.accountId,
    ]);
  });

  it('should exclude an account matching any excluded tag', () => {
    const r = applyScope(all, {
      excludeTags: [
        { key: 'env', values: ['dev'] },
        { key: 'team', values: ['pay'] },
      ],
    });
    expect(ids(r.inScope)).toEqual([mgmt.accountId, app.accountId]);
  });

  it('should skip a SUSPENDED account in scope as SUSPENDED, with its state', () => {
    const suspended = account('100000000004', [ROOT, DEV], { state: 'SUSPENDED' });
    const r = applyScope([...all, suspended], { includeOus: [DEV] });
    expect(ids(r.inScope)).toEqual([dev.accountId]);
    expect(r.skipped).toContainEqual({
      accountId: suspended.accountId,
      reason: 'SUSPENDED',
      state: 'SUSPENDED',
      detail: 'state SUSPENDED',
    });
  });

  it.each([
    ['PENDING_CLOSURE', 'SUSPENDED'],
    ['PENDING_ACTIVATION', 'SUSPENDED'],
    ['UNKNOWN', 'SUSPENDED'],
    ['CLOSED', 'REMOVED'],
  ] as const)('should skip a %s account as %s, never scan it', (state, reason) => {
    const r = applyScope([account('100000000005', [ROOT], { state })], {});
    expect(r.inScope).toEqual([]);
    expect(r.skipped).toEqual([expect.objectContaining({ reason, state })]);
  });

  it('should report an out-of-scope suspended account as OUT_OF_SCOPE (scope is decided first)', () => {
    const suspended = account('100000000006', [ROOT, DEV], { state: 'SUSPENDED' });
    const r = applyScope([suspended], { includeOus: [PROD] });
    expect(r.skipped).toEqual([
      expect.objectContaining({ reason: 'OUT_OF_SCOPE', state: 'SUSPENDED' }),
    ]);
  });

  it('should skip as REMOVED an explicitly included account that is no longer in the organization', () => {
    const r = applyScope(all, { includeAccounts: [prod.accountId, '999999999999'] });
    expect(ids(r.inScope)).toEqual([prod.accountId]);
    expect(r.skipped).toContainEqual({
      accountId: '999999999999',
      reason: 'REMOVED',
      detail: 'no longer in the organization',
    });
  });

  it('should skip as REMOVED a previously known account that has left, once', () => {
    const r = applyScope(
      all,
      { includeAccounts: ['999999999999'] },
      {
        previouslyKnownAccountIds: [prod.accountId, '999999999999', '888888888888'],
      },
    );
    expect(r.skipped.filter((s) => s.reason === 'REMOVED').map((s) => s.accountId)).toEqual([
      '888888888888',
      '999999999999',
    ]);
  });

  it('should not report an excluded account that left as REMOVED', () => {
    const r = applyScope(
      all,
      { excludeAccounts: ['999999999999'] },
      {
        previouslyKnownAccountIds: ['999999999999'],
      },
    );
    expect(r.skipped.filter((s) => s.reason === 'REMOVED')).toEqual([]);
  });

  it('should return the caller’s own objects, so stored rows can be scoped too', () => {
    const rows = all.map((a) => ({ ...a, dbId: `row-${a.accountId}` }));
    expect(applyScope(rows, { includeOus: [DEV] }).inScope[0]?.dbId).toBe(`row-${dev.accountId}`);
  });
});
