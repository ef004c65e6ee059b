import { IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('iam.passwordPolicy collector (moto)', () => {
  const harnesses: CollectorHarness[] = [];

  afterAll(() => harnesses.forEach((h) => h.close()));

  async function harness(): Promise<CollectorHarness> {
    const h = await collectorHarness();
    harnesses.push(h);
    return h;
  }

  it('should be null for an account without a password policy (NoSuchEntity)', async () => {
    const h = await harness();
    const { snapshot } = await h.collect(['iam.passwordPolicy']);
    expect(snapshot.global('iam.passwordPolicy')).toEqual({ ok: true, data: null });
  });

  it('should read the policy’s length, reuse prevention and character rules', async () => {
    const h = await harness();
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 16,
        PasswordReusePrevention: 24,
        RequireSymbols: true,
        RequireNumbers: false,
        MaxPasswordAge: 90,
      }),
    );

    const { snapshot } = await h.collect(['iam.passwordPolicy']);

    const outcome = snapshot.global('iam.passwordPolicy');
    expect(outcome).toMatchObject({
      ok: true,
      data: {
        minimumPasswordLength: 16,
        passwordReusePrevention: 24,
        requireSymbols: true,
        requireNumbers: false,
        expirePasswords: true,
        maxPasswordAge: 90,
      },
    });
  });
});
