import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('iam.accountSummary collector (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });

  afterAll(() => h.close());

  it('should read the root user’s MFA and access-key flags and keep the whole summary map', async () => {
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(new CreateUserCommand({ UserName: 'one' }));
    await iam.send(new CreateUserCommand({ UserName: 'two' }));

    const { snapshot, apiCalls } = await h.collect(['iam.accountSummary']);

    // moto cannot give the root user MFA or keys: both flags are 0 there.
    expect(snapshot.global('iam.accountSummary')).toEqual({
      ok: true,
      data: {
        accountMfaEnabled: false,
        accountAccessKeysPresent: false,
        accountSigningCertificatesPresent: false,
        summaryMap: expect.objectContaining({
          Users: 2,
          AccountMFAEnabled: 0,
          AccountAccessKeysPresent: 0,
        }) as Record<string, number>,
      },
    });
    expect(apiCalls).toBe(1);
  });
});
