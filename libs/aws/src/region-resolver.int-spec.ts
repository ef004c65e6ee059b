// Region resolution against real moto behind the fault proxy: DescribeRegions, regions the
// proxy makes not enabled or denied for one account, and a denied DescribeRegions.
import { type AwsProxy, startAwsProxy } from '@palisade/testing';
import { resolveAccountRegions } from './account-regions';
import { resolveAwsAccessOptions } from './aws-access-options';
import { type AwsSession } from './aws-session';
import { AwsClientFactory } from './client-factory';
import { AwsSessionFactory } from './credential-chain';
import { SdkStsApi } from './sts-api';
import {
  BASE_CREDENTIALS,
  CapturingLogger,
  motoUrlFrom,
  uniqueAccount,
  uniqueScanId,
} from './test/int-support';

describe('region resolution through the fault proxy (moto)', () => {
  let proxy: AwsProxy;
  let clients: AwsClientFactory;
  let session: AwsSession;
  let account: string;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: motoUrlFrom(process.env) });
  });
  afterAll(async () => {
    // Unset when beforeAll failed (e.g. no PALISADE_MOTO_URL): report that error alone.
    if (proxy) await proxy.close();
  });

  beforeEach(async () => {
    proxy.clearRules();
    const logger = new CapturingLogger();
    const options = resolveAwsAccessOptions({
      endpointUrl: proxy.url,
      defaultRegion: 'eu-west-1',
      maxAttempts: 2,
    });
    clients = new AwsClientFactory(options, logger);
    const chain = new AwsSessionFactory(
      options,
      new SdkStsApi(clients),
      () => Promise.resolve(BASE_CREDENTIALS),
      logger,
    );
    account = uniqueAccount();
    session = await chain.session({
      tenantId: uniqueScanId(),
      scanId: uniqueScanId(),
      roleChain: [
        {
          roleArn: `arn:aws:iam::${account}:role/palisade-scan`,
          externalId: 'palisade-ext-0123456789abcdef0123',
        },
      ],
    });
    proxy.clearLog();
  });
  afterEach(() => {
    if (clients) clients.destroy();
  });

  it('should list the enabled regions of the partition with DescribeRegions in the member account', async () => {
    const r = await resolveAccountRegions(clients, session);
    expect(r.regions).toEqual(expect.arrayContaining(['eu-west-1', 'us-east-1', 'af-south-1']));
    expect(r.regions).not.toContain('ap-east-1'); // moto: not-opted-in
    expect(r.regions.some((x) => x.startsWith('us-gov-') || x.startsWith('cn-'))).toBe(false);
    expect(r.notEnabled).toEqual([]);
    expect(proxy.log.find((e) => e.operation === 'DescribeRegions')).toMatchObject({
      account,
      region: 'eu-west-1',
      status: 200,
    });
  });

  it('should report a region the proxy makes not enabled, a not-opted-in one and an SCP-denied one, and scan the rest', async () => {
    proxy.setRules([
      { kind: 'regionNotEnabled', account, region: 'eu-central-1' },
      { kind: 'scpDeny', account, region: 'us-west-2' },
    ]);
    const r = await resolveAccountRegions(clients, session, [
      'eu-west-1',
      'eu-central-1',
      'ap-east-1',
      'us-west-2',
      'eu-north-1',
    ]);
    expect(r.regions).toEqual(['eu-west-1', 'eu-north-1']);
    expect(r.notEnabled).toEqual([
      { region: 'ap-east-1', code: 'REGION_NOT_ENABLED' },
      { region: 'eu-central-1', code: 'REGION_NOT_ENABLED' },
    ]);
    expect(r.denied).toEqual([
      {
        region: 'us-west-2',
        code: 'SCP_DENIED',
        message: expect.stringContaining('service control policy') as unknown,
      },
    ]);
    expect(
      proxy.log.filter((e) => e.injected === 'regionNotEnabled').map((e) => [e.account, e.region]),
    ).toEqual([[account, 'eu-central-1']]);
  });

  it('should report a region whose endpoint refuses the session token as INVALID_TOKEN_IN_REGION', async () => {
    proxy.addRule({
      kind: 'regionNotEnabled',
      code: 'InvalidToken',
      account,
      region: 'eu-south-1',
    });
    const r = await resolveAccountRegions(clients, session, ['eu-west-1', 'eu-south-1']);
    expect(r.regions).toEqual(['eu-west-1']);
    expect(r.notEnabled).toEqual([{ region: 'eu-south-1', code: 'INVALID_TOKEN_IN_REGION' }]);
  });

  it('should report a denied DescribeRegions for every requested region', async () => {
    proxy.addRule({ kind: 'accessDenied', account, operation: 'DescribeRegions' });
    const r = await resolveAccountRegions(clients, session, ['eu-west-1', 'us-east-1']);
    expect(r.regions).toEqual([]);
    expect(r.denied.map((d) => [d.region, d.code])).toEqual([
      ['eu-west-1', 'ACCESS_DENIED'],
      ['us-east-1', 'ACCESS_DENIED'],
    ]);
    expect(r.denied[0]?.message).toContain('ec2:DescribeRegions');
  });
});
