import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('iam.credentialReport collector (moto)', () => {
  let h: CollectorHarness;
  let iam: IAMClient;

  beforeAll(async () => {
    h = await collectorHarness();
    iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
  });

  afterAll(() => h.close());

  it('should generate the report, wait for it and parse every user’s password, MFA and keys', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(
      new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9!' }),
    );
    const { AccessKey: key } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const { VirtualMFADevice: mfa } = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-mfa' }),
    );
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'bob',
        SerialNumber: mfa?.SerialNumber,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );
    // Using alice's key makes IAM record its last use.
    const asAlice = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      credentials: {
        accessKeyId: key?.AccessKeyId ?? '',
        secretAccessKey: key?.SecretAccessKey ?? '',
      },
    });
    await asAlice.send(new ListUsersCommand({}));
    const before = Date.now() - 60_000;

    const { snapshot, apiCalls } = await h.collect(['iam.credentialReport']);

    const outcome = snapshot.global('iam.credentialReport');
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    const byName = new Map(outcome.data.users.map((u) => [u.user, u]));
    expect([...byName.keys()].sort()).toEqual(['alice', 'bob']);
    const alice = byName.get('alice');
    expect(alice).toMatchObject({
      arn: `arn:aws:iam::${h.accountId}:user/alice`,
      passwordEnabled: true,
      passwordLastUsed: null,
      mfaActive: false,
    });
    expect(alice?.accessKeys.map((k) => [k.slot, k.active])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(Date.parse(alice?.accessKeys[0]?.lastRotated ?? '')).toBeGreaterThan(before);
    expect(Date.parse(alice?.accessKeys[0]?.lastUsed ?? '')).toBeGreaterThan(before);
    expect(alice?.accessKeys[1]).toMatchObject({ lastRotated: null, lastUsed: null });
    expect(byName.get('bob')).toMatchObject({ passwordEnabled: false, mfaActive: true });
    expect(Date.parse(byName.get('bob')?.userCreationTime ?? '')).toBeGreaterThan(before);
    // moto answers STARTED to the first GenerateCredentialReport and COMPLETE to the second.
    expect(apiCalls).toBe(3);
  });
});
