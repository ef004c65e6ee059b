import {
  type DescribeRegionsCommand,
  type DescribeRegionsCommandOutput,
} from '@aws-sdk/client-ec2';
import { type RegionInfo, resolveRegions } from './region-resolver';

const LISTED: RegionInfo[] = [
  { regionName: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { regionName: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { regionName: 'ap-east-1', optInStatus: 'not-opted-in' },
  { regionName: 'me-south-1', optInStatus: 'opted-in' },
  { regionName: 'us-gov-west-1', optInStatus: 'opt-in-not-required' }, // emulators list every partition
  { regionName: 'cn-north-1', optInStatus: 'opt-in-not-required' },
];
const describeRegions = () => Promise.resolve(LISTED);

function awsError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe('resolveRegions', () => {
  it('should scan every enabled region (opt-in-not-required or opted-in) when none is requested', async () => {
    const r = await resolveRegions({ describeRegions, partition: 'aws' });
    expect(r).toEqual({
      regions: ['eu-west-1', 'me-south-1', 'us-east-1'],
      notEnabled: [],
      denied: [],
      enabled: ['eu-west-1', 'me-south-1', 'us-east-1'],
      optedOut: ['ap-east-1'],
    });
  });

  it('should keep only the partition of the session', async () => {
    expect((await resolveRegions({ describeRegions, partition: 'aws-us-gov' })).regions).toEqual([
      'us-gov-west-1',
    ]);
    expect((await resolveRegions({ describeRegions, partition: 'aws-cn' })).regions).toEqual([
      'cn-north-1',
    ]);
  });

  it('should intersect with the requested regions, in the requested order', async () => {
    const r = await resolveRegions({
      describeRegions,
      requested: ['us-east-1', 'eu-west-1', 'us-east-1'],
    });
    expect(r.regions).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('should report a requested region that is not opted in, or unknown, as REGION_NOT_ENABLED', async () => {
    const r = await resolveRegions({
      describeRegions,
      partition: 'aws',
      requested: ['eu-west-1', 'ap-east-1', 'xx-nowhere-9', 'cn-north-1'],
    });
    expect(r.regions).toEqual(['eu-west-1']);
    expect(r.notEnabled).toEqual([
      { region: 'ap-east-1', code: 'REGION_NOT_ENABLED' },
      { region: 'xx-nowhere-9', code: 'REGION_NOT_ENABLED' },
      { region: 'cn-north-1', code: 'REGION_NOT_ENABLED' },
    ]);
  });

  it('should report a denied DescribeRegions for every requested region instead of scanning blind', async () => {
    const denied = awsError(
      'UnauthorizedOperation',
      'You are not authorized to perform this operation. ... with an explicit deny in a service control policy',
      403,
    );
    const r = await resolveRegions({
      describeRegions: () => Promise.reject(denied),
      requested: ['eu-west-1', 'us-east-1'],
    });
    expect(r.regions).toEqual([]);
    expect(r.denied.map((d) => [d.region, d.code])).toEqual([
      ['eu-west-1', 'SCP_DENIED'],
      ['us-east-1', 'SCP_DENIED'],
    ]);
    expect(r.denied[0]?.message).toMatch(/^DescribeRegions failed: /);
  });

  it('should report a denied DescribeRegions against its own region when nothing was requested', async () => {
    const r = await resolveRegions({
      describeRegions: () =>
        Promise.reject(awsError('UnauthorizedOperation', 'not authorized', 403)),
      describeRegion: 'eu-west-1',
    });
    expect(r).toMatchObject({
      regions: [],
      denied: [{ region: 'eu-west-1', code: 'ACCESS_DENIED' }],
    });
  });

  it('should move regions whose probe is refused out of scope, with the reason', async () => {
    const probe = (region: string) => {
      if (region === 'me-south-1')
        return Promise.reject(
          awsError('OptInRequired', 'You are not subscribed to this service.', 403),
        );
      if (region === 'us-east-1')
        return Promise.reject(
          awsError('UnauthorizedOperation', 'explicit deny in a service control policy', 403),
        );
      if (region === 'eu-west-1')
        return Promise.reject(
          awsError(
            'AuthFailure',
            'AWS was not able to validate the provided access credentials',
            401,
          ),
        );
      return Promise.resolve();
    };
    const r = await resolveRegions({ describeRegions, partition: 'aws', probe });
    expect(r.regions).toEqual([]);
    expect(r.notEnabled).toEqual([
      { region: 'eu-west-1', code: 'INVALID_TOKEN_IN_REGION' },
      { region: 'me-south-1', code: 'REGION_NOT_ENABLED' },
    ]);
    expect(r.denied).toEqual([
      {
        region: 'us-east-1',
        code: 'SCP_DENIED',
        message: 'explicit deny in a service control policy',
      },
    ]);
  });

  it('should keep a region whose probe failed transiently (its collectors report their own errors)', async () => {
    const probe = (region: string) =>
      region === 'eu-west-1'
        ? Promise.reject(awsError('Throttling', 'Rate exceeded', 400))
        : Promise.resolve();
    const r = await resolveRegions({ describeRegions, partition: 'aws', probe });
    expect(r.regions).toEqual(['eu-west-1', 'me-south-1', 'us-east-1']);
  });

  it('should ask an EC2 client for all regions, opt-in ones included', async () => {
    const sent: DescribeRegionsCommand[] = [];
    const ec2Client = {
      send: (command: DescribeRegionsCommand): Promise<DescribeRegionsCommandOutput> => {
        sent.push(command);
        return Promise.resolve({
          $metadata: {},
          Regions: [
            { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
            { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
          ],
        });
      },
    };
    const r = await resolveRegions({ ec2Client, requested: ['ap-east-1', 'eu-west-1'] });
    expect(sent[0]?.input).toEqual({ AllRegions: true });
    expect(r.regions).toEqual(['eu-west-1']);
    expect(r.notEnabled).toEqual([{ region: 'ap-east-1', code: 'REGION_NOT_ENABLED' }]);
  });
});
