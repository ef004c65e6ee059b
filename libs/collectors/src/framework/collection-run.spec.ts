// The collection run's own rules, with collectors that call no AWS: each (key, region) once,
// global keys once per account, errors kept as data (classified), dependencies memoised.
import { AwsClientFactory, type AwsSession, resolveAwsAccessOptions } from '@palisade/aws';
import { CollectionRun } from './collection-run';
import { type CollectorDefinition, defineCollector } from './collector';

const session = {
  accountId: '111122223333',
  partition: 'aws',
  stsRegion: 'us-east-1',
} as unknown as AwsSession;

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined };

function runWith(collectors: CollectorDefinition[], regions = ['eu-west-1', 'us-east-1']) {
  const factory = new AwsClientFactory(resolveAwsAccessOptions({}), quiet);
  return new CollectionRun(factory, new Map(collectors.map((c) => [c.key, c])), {
    session,
    homeRegion: 'us-east-1',
    regions,
    signal: new AbortController().signal,
    collectorConcurrency: 4,
    itemConcurrency: 2,
  });
}

describe('CollectionRun', () => {
  it('should collect a global key once and a regional key once per region, and share dependencies', async () => {
    const calls: string[] = [];
    const buckets = defineCollector({
      key: 's3.buckets',
      scope: 'global',
      operations: ['s3:ListBuckets'],
      collect: (ctx) => {
        calls.push(`buckets@${ctx.region}`);
        return Promise.resolve([]);
      },
    });
    const vpcs = defineCollector({
      key: 'ec2.vpcs',
      scope: 'regional',
      operations: ['ec2:DescribeVpcs'],
      collect: async (ctx) => {
        calls.push(`vpcs@${ctx.region}`);
        await ctx.global('s3.buckets');
        return [];
      },
    });
    const snapshot = await runWith([buckets, vpcs] as CollectorDefinition[]).collect([
      'ec2.vpcs',
      's3.buckets',
    ]);
    expect(calls.sort()).toEqual(['buckets@us-east-1', 'vpcs@eu-west-1', 'vpcs@us-east-1']);
    expect(snapshot.regional('ec2.vpcs', 'eu-west-1')).toEqual({ ok: true, data: [] });
    expect(snapshot.global('s3.buckets')).toEqual({ ok: true, data: [] });
  });

  it('should keep a failure as a classified outcome, and fail a dependent with the same code', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform s3:ListAllMyBuckets'),
      {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      },
    );
    const buckets = defineCollector({
      key: 's3.buckets',
      scope: 'global',
      operations: ['s3:ListBuckets'],
      collect: () => Promise.reject(denied),
    });
    const vpcs = defineCollector({
      key: 'ec2.vpcs',
      scope: 'regional',
      operations: ['ec2:DescribeVpcs'],
      collect: async (ctx) => {
        await ctx.global('s3.buckets');
        return [];
      },
    });
    const snapshot = await runWith([buckets, vpcs] as CollectorDefinition[], ['eu-west-1']).collect(
      ['ec2.vpcs'],
    );
    expect(snapshot.regional('ec2.vpcs', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('s3.buckets') as string,
    });
  });

  it('should turn an absent-configuration code into the given value and other errors into data', async () => {
    const vpcs = defineCollector({
      key: 'ec2.vpcs',
      scope: 'regional',
      operations: ['ec2:DescribeVpcs'],
      collect: async (ctx) => {
        const absent = await ctx.attempt(
          () => Promise.reject(Object.assign(new Error('none'), { name: 'NoSuchBucketPolicy' })),
          { codes: ['NoSuchBucketPolicy'], value: null },
        );
        const throttled = await ctx.attempt(() =>
          Promise.reject(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })),
        );
        expect(absent).toEqual({ ok: true, data: null });
        expect(throttled).toMatchObject({ ok: false, code: 'THROTTLED' });
        return [];
      },
    });
    const snapshot = await runWith([vpcs] as CollectorDefinition[], ['eu-west-1']).collect([
      'ec2.vpcs',
    ]);
    expect(snapshot.regional('ec2.vpcs', 'eu-west-1').ok).toBe(true);
  });

  it('should report a key no collector provides as NO_COLLECTOR, not crash the job', async () => {
    const snapshot = await runWith([], ['eu-west-1']).collect(['ec2.vpcs']);
    expect(snapshot.regional('ec2.vpcs', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'NO_COLLECTOR',
    });
  });
});
