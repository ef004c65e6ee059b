// ec2.ebsEncryptionByDefault against moto: off by default, on after enabling it per region.
// moto does not emulate GetEbsDefaultKmsKeyId (it answers an HTML page): the key's outcome is an
// error there (the unit spec covers a recorded AWS answer).
import { EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { ec2Seed } from './test/ec2-seed';

describe('ec2.ebsEncryptionByDefault (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should read the setting per region, and the default key only where it is on', async () => {
    await ec2Seed(h, 'eu-west-1').ec2.send(new EnableEbsEncryptionByDefaultCommand({}));

    const { snapshot } = await h.collect(
      ['ec2.ebsEncryptionByDefault'],
      ['eu-west-1', 'us-east-1'],
    );
    expect(snapshot.regional('ec2.ebsEncryptionByDefault', 'us-east-1')).toEqual({
      ok: true,
      data: { enabled: false },
    });
    const on = snapshot.regional('ec2.ebsEncryptionByDefault', 'eu-west-1');
    expect(on).toEqual({
      ok: true,
      data: {
        enabled: true,
        defaultKmsKeyId: expect.objectContaining({ ok: false }) as unknown,
      },
    });
  });
});
