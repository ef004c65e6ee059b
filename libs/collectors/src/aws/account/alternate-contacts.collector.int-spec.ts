import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';

describe('account.alternateContacts collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const account = h.clients.createClient(AccountClient, {
      region: 'us-east-1',
      service: 'account',
      session: h.session,
    });
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        Name: 'Sec Team',
        Title: 'CISO',
        EmailAddress: 'security@example.com',
        PhoneNumber: '+1-555-0100',
      }),
    );
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'BILLING',
        Name: 'Finance',
        Title: 'Controller',
        EmailAddress: 'billing@example.com',
        PhoneNumber: '+1-555-0101',
      }),
    );
    proxy.clearLog();
  });

  afterEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  it('should read each contact type, null for the one that is not set', async () => {
    const { snapshot } = await h.collect(['account.alternateContacts']);

    expect(snapshot.global('account.alternateContacts')).toEqual({
      ok: true,
      data: {
        SECURITY: {
          ok: true,
          data: {
            name: 'Sec Team',
            title: 'CISO',
            emailAddress: 'security@example.com',
            phoneNumber: '+1-555-0100',
          },
        },
        BILLING: { ok: true, data: expect.objectContaining({ name: 'Finance' }) as object },
        OPERATIONS: { ok: true, data: null },
      },
    });
    const calls = proxy.log.filter((e) => e.account === h.accountId && e.service === 'account');
    expect(calls.map((e) => e.operation)).toEqual([
      'GetAlternateContact',
      'GetAlternateContact',
      'GetAlternateContact',
    ]);
  });

  it('should keep a denied read as that contact type’s error, never as "not set"', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      account: h.accountId,
      service: 'account',
      operation: 'GetAlternateContact',
      times: 1,
    });

    const { snapshot } = await h.collect(['account.alternateContacts']);

    const outcome = snapshot.global('account.alternateContacts');
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    const outcomes = Object.values(outcome.data);
    expect(outcomes.filter((o) => !o.ok)).toEqual([
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
  });
});
