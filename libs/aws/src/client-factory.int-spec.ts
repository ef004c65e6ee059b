// Clients built by the factory against real moto behind the fault proxy: retries under
// throttling, Retry-After, Organizations' HTTP 400 throttle, S3 path style and S3 Control.
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { type AwsProxy, startAwsProxy } from '@palisade/testing';
import { type AwsAccessOptionsInput, resolveAwsAccessOptions } from './aws-access-options';
import { type AwsSession } from './aws-session';
import { AwsClientFactory } from './client-factory';
import { AwsSessionFactory } from './credential-chain';
import { classifyAwsError } from './error-classification';
import { SdkStsApi } from './sts-api';
import {
  BASE_CREDENTIALS,
  CapturingLogger,
  motoUrlFrom,
  uniqueAccount,
  uniqueScanId,
} from './test/int-support';

describe('client factory through the fault proxy (moto)', () => {
  let proxy: AwsProxy;
  let clients: AwsClientFactory;
  let session: AwsSession;
  let account: string;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: motoUrlFrom(process.env), seed: 42 });
  });
  afterAll(async () => {
    // Unset when beforeAll failed (e.g. no PALISADE_MOTO_URL): report that error alone.
    if (proxy) await proxy.close();
  });

  async function setUp(input: AwsAccessOptionsInput): Promise<void> {
    const logger = new CapturingLogger();
    const options = resolveAwsAccessOptions({
      endpointUrl: proxy.url,
      defaultRegion: 'eu-west-1',
      ...input,
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
  }

  beforeEach(() => proxy.clearRules());
  afterEach(() => {
    if (clients) clients.destroy();
  });

  it('should still answer every call when half of them are throttled, retrying as the log shows', async () => {
    await setUp({ maxAttempts: 10 });
    proxy.addRule({
      kind: 'throttle',
      account,
      service: 'ec2',
      probability: 0.5,
      retryAfterSeconds: 0,
    });
    const ec2 = clients.createClient(EC2Client, { session, region: 'eu-west-1', service: 'ec2' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ec2.send(new DescribeAvailabilityZonesCommand({}))),
    );

    expect(results).toHaveLength(8);
    const calls = proxy.log.filter(
      (e) => e.operation === 'DescribeAvailabilityZones' && e.account === account,
    );
    const throttled = calls.filter((e) => e.injected === 'throttle');
    expect(calls.filter((e) => e.status === 200)).toHaveLength(8);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((e) => e.status === 429)).toBe(true);
    expect(calls).toHaveLength(8 + throttled.length);
    expect(results.reduce((n, r) => n + (r.$metadata.attempts ?? 1) - 1, 0)).toBe(throttled.length);
  });

  it('should give up with THROTTLED once the attempt budget is spent', async () => {
    await setUp({ maxAttempts: 2 });
    proxy.addRule({ kind: 'throttle', account, service: 'ec2', retryAfterSeconds: 0 });
    const ec2 = clients.createClient(EC2Client, { session, region: 'eu-west-1', service: 'ec2' });
    const err = await ec2.send(new DescribeAvailabilityZonesCommand({})).catch((e: unknown) => e);
    expect(classifyAwsError(err)).toMatchObject({
      code: 'THROTTLED',
      httpStatus: 429,
      retriable: true,
    });
    expect(
      proxy.log.filter((e) => e.account === account && e.injected === 'throttle'),
    ).toHaveLength(2);
  });

  it('should wait for Retry-After before retrying', async () => {
    await setUp({ maxAttempts: 3 });
    proxy.addRule({ kind: 'throttle', account, service: 'ec2', times: 1, retryAfterSeconds: 2 });
    const ec2 = clients.createClient(EC2Client, { session, region: 'eu-west-1', service: 'ec2' });
    await ec2.send(new DescribeAvailabilityZonesCommand({}));
    const [first, second] = proxy.log.filter((e) => e.account === account);
    expect([first?.status, second?.status]).toEqual([429, 200]);
    // Throttling back-off alone stays under 1 s on a first retry: 2 s comes from the header.
    expect(Date.parse(second!.time) - Date.parse(first!.time)).toBeGreaterThanOrEqual(1950);
  });

  it("should retry Organizations' HTTP 400 TooManyRequestsException", async () => {
    await setUp({ maxAttempts: 4 });
    const orgs = clients.createClient(OrganizationsClient, {
      session,
      region: 'us-east-1',
      service: 'organizations',
    });
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    proxy.addRule({
      kind: 'orgsTooManyRequests',
      account,
      operation: 'DescribeOrganization',
      times: 2,
    });
    const out = await orgs.send(new DescribeOrganizationCommand({}));
    expect(out.Organization?.MasterAccountId).toBe(account);
    expect(out.$metadata.attempts).toBe(3);
    const statuses = proxy.log
      .filter((e) => e.operation === 'DescribeOrganization')
      .map((e) => e.status);
    expect(statuses).toEqual([400, 400, 200]);
  });

  it('should reach moto S3 in path style in the member account', async () => {
    await setUp({});
    const s3 = clients.createClient(S3Client, { session, region: 'us-east-1', service: 's3' });
    const bucket = `palisade-int-${account}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'x' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['a.txt']);
    expect(proxy.log.find((e) => e.operation === 'ListObjectsV2')).toMatchObject({
      account,
      path: `/${bucket}/`,
      status: 200,
    });
  });

  it('should reach moto S3 Control at the overridden IP endpoint, without the <account>. host prefix', async () => {
    await setUp({});
    const s3control = clients.createClient(S3ControlClient, {
      session,
      region: 'us-east-1',
      service: 's3-control',
    });
    await s3control.send(
      new PutPublicAccessBlockCommand({
        AccountId: account,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      }),
    );
    const out = await s3control.send(new GetPublicAccessBlockCommand({ AccountId: account }));
    expect(out.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect(
      proxy.log
        .filter((e) => e.path === '/v20180820/configuration/publicAccessBlock')
        .map((e) => [e.account, e.status]),
    ).toEqual([
      [account, 200],
      [account, 200],
    ]);
  });
});
