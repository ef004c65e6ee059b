// The walk under what Organizations really does to callers: pages of at most 20, empty pages
// that still carry a NextToken, HTTP 400 TooManyRequestsException and throttling. moto serves
// the data; the fault proxy injects the rest. The inventory must come out complete and equal.
import {
  type AwsProxy,
  depsEnv,
  exampleOrganizationSpec,
  managementClient,
  type ManagementClient,
  type RetrySettings,
  type SeededOrganization,
  seedOrganization,
  startAwsProxy,
} from '@palisade/testing';
import { type OrganizationInventory } from './organization-inventory';
import { walkOrganization } from './walk-organization';

/** The inventory without what legitimately differs between two walks of the same state. */
function content(inventory: OrganizationInventory) {
  const { calls: _calls, callsByOperation: _byOp, walkedAt: _at, ...rest } = inventory;
  return rest;
}

describe('walkOrganization under Organizations paging and throttling (fault proxy)', () => {
  let proxy: AwsProxy;
  const opened: { close(): void }[] = [];

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL'), seed: 11 });
  });
  afterAll(async () => {
    opened.forEach((o) => o.close());
    if (proxy) await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  async function clientFor(
    org: SeededOrganization,
    retry?: RetrySettings,
  ): Promise<ManagementClient> {
    const m = await managementClient(proxy.url, org.managementAccountId, retry);
    opened.push({ close: () => m.factory.destroy() });
    return m;
  }

  const orgsLog = () => proxy.log.filter((e) => e.service === 'organizations');
  const count = (operation: string) => orgsLog().filter((e) => e.operation === operation).length;

  it('should read 45 accounts of one OU and 25 child OUs of another in pages of at most 20', async () => {
    const org = await seedOrganization(depsEnv('PALISADE_MOTO_URL'), {
      units: [
        {
          name: 'Big',
          accounts: Array.from({ length: 45 }, (_, i) => ({ name: `big-${i}` })),
        },
        { name: 'Wide', units: Array.from({ length: 25 }, (_, i) => ({ name: `child-${i}` })) },
      ],
    });
    opened.push(org);
    const { client } = await clientFor(org);
    proxy.clearLog();

    const inventory = await walkOrganization(client);

    expect(inventory.accounts).toHaveLength(46);
    expect(inventory.accounts.filter((a) => a.ouPath === 'Root/Big')).toHaveLength(45);
    expect(inventory.units.filter((u) => u.parentId === org.ouId('Root/Wide'))).toHaveLength(25);
    const units = 1 + 2 + 25;
    // One page per parent, plus two more for Big's 45 accounts (20 + 20 + 5) and one more
    // for Wide's 25 children (20 + 5): pages are never larger than 20.
    expect(count('ListAccountsForParent')).toBe(units + 2);
    expect(count('ListOrganizationalUnitsForParent')).toBe(units + 1);
    expect(inventory.callsByOperation.ListAccountsForParent).toBe(units + 2);
  });

  describe('on the example organization', () => {
    let org: SeededOrganization;
    let baseline: OrganizationInventory;

    beforeAll(async () => {
      org = await seedOrganization(depsEnv('PALISADE_MOTO_URL'), exampleOrganizationSpec());
      opened.push(org);
      const { client } = await clientFor(org);
      baseline = await walkOrganization(client, { includePolicies: true });
    });

    it('should follow NextToken through empty pages on every listing and find the same inventory', async () => {
      const { client } = await clientFor(org);
      proxy.clearLog();
      proxy.addRule({
        kind: 'emptyPageWithToken',
        account: org.managementAccountId,
        service: 'organizations',
      });

      const inventory = await walkOrganization(client, { includePolicies: true });

      expect(content(inventory)).toEqual(content(baseline));
      const empty = orgsLog().filter((e) => e.injected === 'emptyPageWithToken');
      // Every listing's first page came back empty, so each listing took one more call.
      expect(empty.length).toBeGreaterThan(0);
      expect(inventory.calls).toBe(baseline.calls + empty.length);
      for (const op of [
        'ListAccountsForParent',
        'ListOrganizationalUnitsForParent',
        'ListTagsForResource',
      ]) {
        expect(empty.filter((e) => e.operation === op).length).toBe(baseline.callsByOperation[op]);
      }
    });

    it("should retry Organizations' HTTP 400 TooManyRequestsException until the walk completes", async () => {
      // The production retry mode: adaptive also slows the client down after each refusal.
      const { client } = await clientFor(org, { maxAttempts: 8, retryMode: 'adaptive' });
      proxy.clearLog();
      proxy.addRule({
        kind: 'orgsTooManyRequests',
        account: org.managementAccountId,
        probability: 0.1,
      });

      const inventory = await walkOrganization(client, { includePolicies: true });

      expect(content(inventory)).toEqual(content(baseline));
      const refused = orgsLog().filter((e) => e.injected === 'orgsTooManyRequests');
      expect(refused.length).toBeGreaterThan(3);
      expect(refused.every((e) => e.status === 400)).toBe(true);
      // Each logical call ends in exactly one success; every refusal was retried.
      expect(orgsLog().filter((e) => e.status === 200)).toHaveLength(inventory.calls);
      expect(orgsLog()).toHaveLength(inventory.calls + refused.length);
    });

    it('should return the complete inventory under empty pages, 400 TooManyRequests and 429 throttling together', async () => {
      const { client } = await clientFor(org, { maxAttempts: 10, retryMode: 'standard' });
      proxy.clearLog();
      const account = org.managementAccountId;
      proxy.setRules([
        { kind: 'orgsTooManyRequests', account, probability: 0.1 },
        {
          kind: 'throttle',
          account,
          service: 'organizations',
          probability: 0.1,
          retryAfterSeconds: 0,
        },
        { kind: 'emptyPageWithToken', account, service: 'organizations', probability: 0.3 },
      ]);

      const inventory = await walkOrganization(client, { includePolicies: true });

      expect(content(inventory)).toEqual(content(baseline));
      const kinds = new Set(orgsLog().map((e) => e.injected));
      expect(kinds).toEqual(
        new Set([undefined, 'orgsTooManyRequests', 'throttle', 'emptyPageWithToken']),
      );
      const failed = orgsLog().filter((e) => e.status !== 200);
      expect(new Set(failed.map((e) => e.status))).toEqual(new Set([400, 429]));
      expect(orgsLog().filter((e) => e.status === 200)).toHaveLength(inventory.calls);
    });
  });
});
