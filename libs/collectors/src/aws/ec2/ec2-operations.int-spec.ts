// Every EC2 collector through the fault proxy in front of moto: the calls it makes are the
// operations it declares (the IAM policy is generated from those), and a denied listing fails
// only its own collector, with the classified code.
import { EnableEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { type RegionalKey } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { ec2Actions, ec2Collectors } from '.';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('the ec2 collectors through the fault proxy (moto)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  const keys = ec2Collectors.map((c) => c.key as RegionalKey);

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    await ec2Seed(h).ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  });
  afterAll(async () => {
    h.close();
    await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should call exactly the declared operations, each with an IAM action', async () => {
    await h.collect(keys, [SEED_REGION]);
    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    const declared = new Set(ec2Collectors.flatMap((c) => c.operations));
    expect([...called].sort()).toEqual([...declared].sort());
    for (const operation of declared) {
      expect(ec2Actions[operation]?.length).toBeGreaterThan(0);
    }
  });

  it('should fail only the denied collector, with ACCESS_DENIED', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'ec2', operation: 'DescribeSecurityGroups' });
    const { snapshot } = await h.collect(keys, [SEED_REGION]);
    expect(snapshot.regional('ec2.securityGroups', SEED_REGION)).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
    for (const key of keys.filter((k) => k !== 'ec2.securityGroups')) {
      expect({ key, ok: snapshot.regional(key, SEED_REGION).ok }).toEqual({ key, ok: true });
    }
  });
});
