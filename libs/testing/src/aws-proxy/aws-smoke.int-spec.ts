// Smoke: the AWS SDK v3 against moto through the fault proxy, as every later AWS test runs.
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { randomInt } from 'node:crypto';
import { awsClientConfig, type ProxyCredentials } from './aws-client-config';
import { depsEnv } from '../deps/deps-env';
import { startAwsProxy, type AwsProxy } from './aws-proxy';

const randomAccount = () => String(randomInt(100_000_000_000, 999_999_999_999));

describe('the AWS SDK v3 against moto through the fault proxy', () => {
  let proxy: AwsProxy;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
  });
  afterAll(() => proxy.close());

  async function assumeInto(account: string): Promise<ProxyCredentials> {
    const sts = new STSClient(awsClientConfig(proxy.url));
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/PalisadeScan`,
        RoleSessionName: 'palisade-smoke',
      }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error('AssumeRole returned no credentials');
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  }

  it('should answer sts:GetCallerIdentity and log it with its account, operation and region', async () => {
    const who = await new STSClient(awsClientConfig(proxy.url, undefined, 'eu-west-1')).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Account).toBe('123456789012');
    expect(proxy.log.at(-1)).toMatchObject({
      account: '123456789012',
      service: 'sts',
      operation: 'GetCallerIdentity',
      region: 'eu-west-1',
      status: 200,
    });
  });

  it('should describe the organization a management account created', async () => {
    const management = await assumeInto(randomAccount());
    const orgs = new OrganizationsClient(awsClientConfig(proxy.url, management));
    const created = await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const described = await orgs.send(new DescribeOrganizationCommand({}));
    expect(described.Organization?.Id).toBe(created.Organization?.Id);
    expect(described.Organization?.FeatureSet).toBe('ALL');
  });

  it('should land a call made with assumed credentials in the second account, and only there', async () => {
    const second = randomAccount();
    const bucket = `palisade-smoke-${second}`;
    const inSecond = new S3Client(awsClientConfig(proxy.url, await assumeInto(second)));
    await inSecond.send(new CreateBucketCommand({ Bucket: bucket }));

    const secondBuckets = await inSecond.send(new ListBucketsCommand({}));
    const defaultBuckets = await new S3Client(awsClientConfig(proxy.url)).send(
      new ListBucketsCommand({}),
    );
    expect(secondBuckets.Buckets?.map((b) => b.Name)).toContain(bucket);
    expect(defaultBuckets.Buckets?.map((b) => b.Name) ?? []).not.toContain(bucket);
    expect(proxy.log.filter((e) => e.operation === 'CreateBucket').map((e) => e.account)).toEqual([
      second,
    ]);
  });
});
