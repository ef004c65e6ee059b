import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

describe('iam.virtualMfaDevices collector (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });

  afterAll(() => h.close());

  it('should list the assigned virtual MFA devices with their users, not the unassigned ones', async () => {
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    const { VirtualMFADevice: assigned } = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-phone' }),
    );
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'carol',
        SerialNumber: assigned?.SerialNumber,
        AuthenticationCode1: '111111',
        AuthenticationCode2: '222222',
      }),
    );
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }));

    const { snapshot } = await h.collect(['iam.virtualMfaDevices']);

    const outcome = snapshot.global('iam.virtualMfaDevices');
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    expect(outcome.data).toEqual([
      {
        serialNumber: `arn:aws:iam::${h.accountId}:mfa/carol-phone`,
        userArn: `arn:aws:iam::${h.accountId}:user/carol`,
        userName: 'carol',
        enableDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      },
    ]);
  });
});
