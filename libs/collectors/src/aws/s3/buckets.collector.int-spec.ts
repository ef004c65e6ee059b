// s3.buckets and s3.accountPublicAccessBlock against moto, through the fault proxy (so the
// operations the proxy logs are checked against the collectors' declared operations).
import {
  CreateBucketCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  PutPublicAccessBlockCommand as PutAccountBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { type S3BucketDetails } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { accountPublicAccessBlockCollector } from './account-public-access-block.collector';
import { bucketsCollector } from './buckets.collector';

/** The target bucket's policy letting S3 deliver server access logs into it. */
const LOG_DELIVERY = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: ['s3:PutObject'],
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });

const DENY_HTTP = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyHttp',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

describe('s3 collectors (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
  });
  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  beforeEach(() => proxy.clearRules());

  function s3(region: string): S3Client {
    return h.clients.createClient(S3Client, { region, service: 's3', session: h.session });
  }

  function byName(buckets: readonly S3BucketDetails[], name: string): S3BucketDetails {
    const found = buckets.find((b) => b.name === name);
    if (found === undefined) throw new Error(`bucket ${name} was not collected`);
    return found;
  }

  it('should read every bucket’s region and settings, and absent settings as null / Off / {}', async () => {
    const secured = `palisade-secured-${h.accountId}`;
    const logs = `palisade-logs-${h.accountId}`;
    const bare = `palisade-bare-${h.accountId}`;
    const eu = s3('eu-west-1');
    await eu.send(
      new CreateBucketCommand({
        Bucket: logs,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await eu.send(new PutBucketPolicyCommand({ Bucket: logs, Policy: LOG_DELIVERY(logs) }));
    await eu.send(
      new CreateBucketCommand({
        Bucket: secured,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await eu.send(new PutBucketPolicyCommand({ Bucket: secured, Policy: DENY_HTTP(secured) }));
    await eu.send(
      new PutPublicAccessBlockCommand({
        Bucket: secured,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      }),
    );
    await eu.send(
      new PutBucketVersioningCommand({
        Bucket: secured,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    await eu.send(
      new PutBucketLoggingCommand({
        Bucket: secured,
        BucketLoggingStatus: { LoggingEnabled: { TargetBucket: logs, TargetPrefix: 'access/' } },
      }),
    );
    await eu.send(
      new PutBucketTaggingCommand({
        Bucket: secured,
        Tagging: { TagSet: [{ Key: 'team', Value: 'data' }] },
      }),
    );
    await s3('us-east-1').send(new CreateBucketCommand({ Bucket: bare }));
    proxy.clearLog();

    const { snapshot } = await h.collect(['s3.buckets'], ['eu-west-1']);
    const outcome = snapshot.global('s3.buckets');
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data.map((b) => b.name).sort()).toEqual([bare, logs, secured].sort());

    const sec = byName(outcome.data, secured);
    expect(sec).toMatchObject({
      arn: `arn:aws:s3:::${secured}`,
      region: 'eu-west-1',
      publicAccessBlock: {
        ok: true,
        data: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: true,
          restrictPublicBuckets: false,
        },
      },
      versioning: { ok: true, data: { status: 'Enabled', mfaDelete: false } },
      logging: { ok: true, data: { targetBucket: logs, targetPrefix: 'access/' } },
      tags: { ok: true, data: { team: 'data' } },
    });
    expect(sec.creationDate).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(sec.policy.ok && JSON.parse(sec.policy.data ?? 'null')).toMatchObject({
      Statement: [{ Sid: 'DenyHttp', Effect: 'Deny' }],
    });

    expect(byName(outcome.data, bare)).toMatchObject({
      region: 'us-east-1',
      policy: { ok: true, data: null },
      publicAccessBlock: { ok: true, data: null },
      versioning: { ok: true, data: { status: 'Off', mfaDelete: false } },
      logging: { ok: true, data: null },
      tags: { ok: true, data: {} },
    });

    // Every call the proxy saw is declared (the IAM policy is generated from the declaration).
    const called = new Set(proxy.log.map((e) => `${e.service}:${e.operation}`));
    expect([...called].sort()).toEqual([...bucketsCollector.operations].sort());
    // Each bucket's settings were read in its own region.
    expect(
      proxy.log
        .filter((e) => e.operation === 'GetBucketPolicy')
        .map((e) => [e.path, e.region])
        .sort(),
    ).toEqual(
      [
        [`/${bare}/`, 'us-east-1'],
        [`/${logs}/`, 'eu-west-1'],
        [`/${secured}/`, 'eu-west-1'],
      ].sort(),
    );
  });

  it('should keep a denied setting as that bucket’s error, and fail the collector when the listing is denied', async () => {
    const only = `palisade-denied-${h.accountId}`;
    const other = await collectorHarness({ endpointUrl: proxy.url });
    try {
      await other.clients
        .createClient(S3Client, { region: 'us-east-1', service: 's3', session: other.session })
        .send(new CreateBucketCommand({ Bucket: only }));
      proxy.setRules([
        { kind: 'accessDenied', account: other.accountId, operation: 'GetBucketVersioning' },
      ]);
      const { snapshot } = await other.collect(['s3.buckets']);
      const outcome = snapshot.global('s3.buckets');
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.data).toHaveLength(1);
      expect(outcome.data[0]).toMatchObject({
        name: only,
        versioning: { ok: false, code: 'ACCESS_DENIED' },
        policy: { ok: true, data: null },
      });

      proxy.setRules([
        { kind: 'accessDenied', account: other.accountId, operation: 'ListBuckets' },
      ]);
      const denied = await other.collect(['s3.buckets']);
      expect(denied.snapshot.global('s3.buckets')).toMatchObject({
        ok: false,
        code: 'ACCESS_DENIED',
      });
    } finally {
      other.close();
    }
  });

  it('should make every setting of a bucket whose location is unreadable an error, never a default', async () => {
    const other = await collectorHarness({ endpointUrl: proxy.url });
    try {
      const name = `palisade-nowhere-${other.accountId}`;
      await other.clients
        .createClient(S3Client, { region: 'us-east-1', service: 's3', session: other.session })
        .send(new CreateBucketCommand({ Bucket: name }));
      proxy.setRules([
        { kind: 'accessDenied', account: other.accountId, operation: 'GetBucketLocation' },
      ]);
      const { snapshot } = await other.collect(['s3.buckets']);
      const outcome = snapshot.global('s3.buckets');
      if (!outcome.ok) throw new Error(outcome.message);
      const [bucket] = outcome.data;
      expect(bucket?.region).toBe('unknown');
      for (const setting of [
        bucket?.policy,
        bucket?.publicAccessBlock,
        bucket?.versioning,
        bucket?.logging,
        bucket?.tags,
      ]) {
        expect(setting).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
      }
    } finally {
      other.close();
    }
  });

  it('should read the account-level block, null when none is set, logged as s3:GetAccountPublicAccessBlock', async () => {
    const other = await collectorHarness({ endpointUrl: proxy.url });
    try {
      proxy.clearLog();
      const before = await other.collect(['s3.accountPublicAccessBlock']);
      expect(before.snapshot.global('s3.accountPublicAccessBlock')).toEqual({
        ok: true,
        data: null,
      });
      await other.clients
        .createClient(S3ControlClient, {
          region: 'us-east-1',
          service: 's3-control',
          session: other.session,
        })
        .send(
          new PutAccountBlockCommand({
            AccountId: other.accountId,
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: false,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          }),
        );
      const after = await other.collect(['s3.accountPublicAccessBlock']);
      expect(after.snapshot.global('s3.accountPublicAccessBlock')).toEqual({
        ok: true,
        data: {
          blockPublicAcls: true,
          ignorePublicAcls: false,
          blockPublicPolicy: true,
          restrictPublicBuckets: true,
        },
      });
      const ops = proxy.log
        .filter((e) => e.account === other.accountId)
        .map((e) => `${e.service}:${e.operation}`);
      expect(new Set(ops)).toEqual(
        new Set([
          ...accountPublicAccessBlockCollector.operations,
          's3:PutAccountPublicAccessBlock',
        ]),
      );

      proxy.setRules([
        {
          kind: 'accessDenied',
          account: other.accountId,
          operation: 'GetAccountPublicAccessBlock',
        },
      ]);
      const denied = await other.collect(['s3.accountPublicAccessBlock']);
      expect(denied.snapshot.global('s3.accountPublicAccessBlock')).toMatchObject({
        ok: false,
        code: 'ACCESS_DENIED',
      });
    } finally {
      other.close();
    }
  });
});
