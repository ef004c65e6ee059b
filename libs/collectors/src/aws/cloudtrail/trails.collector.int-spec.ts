// cloudtrail.trails against moto behind the fault proxy: own and shadow trails per region,
// status and event selectors read in the trail's home region by ARN, per-trail failures kept
// as that trail's data.
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type Trail, ok } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { cloudtrailActions, cloudtrailCollectors } from '.';

const HOME = 'us-east-1';
const OTHER = 'eu-west-1';

describe('cloudtrail.trails collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  function trails(
    snapshot: Awaited<ReturnType<CollectorHarness['collect']>>['snapshot'],
    region: string,
  ): Trail[] {
    const outcome = snapshot.regional('cloudtrail.trails', region);
    if (!outcome.ok) throw new Error(outcome.message);
    // A delivery time (moto: now) must be an ISO-8601 time; it is then masked for comparison.
    return [...outcome.data]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => {
        const time = t.status.ok ? t.status.data.latestDeliveryTime : undefined;
        if (time === undefined) return t;
        expect(new Date(time).toISOString()).toBe(time);
        return {
          ...t,
          status: ok({
            isLogging: t.status.ok && t.status.data.isLogging,
            latestDeliveryTime: 'ISO-8601',
          }),
        };
      });
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const s3 = h.clients.createClient(S3Client, {
      region: HOME,
      service: 's3',
      session: h.session,
    });
    await s3.send(new CreateBucketCommand({ Bucket: `trail-logs-${h.accountId}` }));
    const home = h.clients.createClient(CloudTrailClient, {
      region: HOME,
      service: 'cloudtrail',
      session: h.session,
    });
    const other = h.clients.createClient(CloudTrailClient, {
      region: OTHER,
      service: 'cloudtrail',
      session: h.session,
    });
    await home.send(
      new CreateTrailCommand({
        Name: 'everywhere',
        S3BucketName: `trail-logs-${h.accountId}`,
        S3KeyPrefix: 'ct',
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
        KmsKeyId: `arn:aws:kms:${HOME}:${h.accountId}:key/11111111-2222-3333-4444-555555555555`,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME}:${h.accountId}:log-group:cloudtrail:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${h.accountId}:role/cloudtrail-to-logs`,
      }),
    );
    await home.send(new StartLoggingCommand({ Name: 'everywhere' }));
    await home.send(
      new PutEventSelectorsCommand({
        TrailName: 'everywhere',
        EventSelectors: [
          {
            ReadWriteType: 'All',
            IncludeManagementEvents: true,
            ExcludeManagementEventSources: ['kms.amazonaws.com'],
            DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
          },
        ],
      }),
    );
    await other.send(
      new CreateTrailCommand({ Name: 'local-only', S3BucketName: `trail-logs-${h.accountId}` }),
    );
    await other.send(
      new PutEventSelectorsCommand({
        TrailName: 'local-only',
        AdvancedEventSelectors: [
          {
            Name: 'writes to S3 objects',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
              { Field: 'readOnly', Equals: ['false'] },
            ],
          },
        ],
      }),
    );
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should list own and shadow trails per region with status and selectors from the home region', async () => {
    const { snapshot } = await h.collect(['cloudtrail.trails'], [OTHER, HOME]);

    const arn = (region: string, name: string) =>
      `arn:aws:cloudtrail:${region}:${h.accountId}:trail/${name}`;
    const everywhere: Trail = {
      name: 'everywhere',
      arn: arn(HOME, 'everywhere'),
      homeRegion: HOME,
      isMultiRegion: true,
      isOrganizationTrail: false,
      s3BucketName: `trail-logs-${h.accountId}`,
      s3KeyPrefix: 'ct',
      kmsKeyId: `arn:aws:kms:${HOME}:${h.accountId}:key/11111111-2222-3333-4444-555555555555`,
      cloudWatchLogsLogGroupArn: `arn:aws:logs:${HOME}:${h.accountId}:log-group:cloudtrail:*`,
      includeGlobalServiceEvents: true,
      logFileValidationEnabled: true,
      status: { ok: true, data: { isLogging: true, latestDeliveryTime: 'ISO-8601' } },
      eventSelectors: {
        ok: true,
        data: {
          basic: [
            {
              readWriteType: 'All',
              includeManagementEvents: true,
              excludeManagementEventSources: ['kms.amazonaws.com'],
              dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
            },
          ],
          advanced: [],
        },
      },
    };
    expect(trails(snapshot, HOME)).toEqual([everywhere]);
    expect(trails(snapshot, OTHER)).toEqual([
      everywhere,
      {
        name: 'local-only',
        arn: arn(OTHER, 'local-only'),
        homeRegion: OTHER,
        isMultiRegion: false,
        isOrganizationTrail: false,
        s3BucketName: `trail-logs-${h.accountId}`,
        includeGlobalServiceEvents: true,
        logFileValidationEnabled: false,
        status: { ok: true, data: { isLogging: false } },
        eventSelectors: {
          ok: true,
          data: {
            basic: [],
            advanced: [
              {
                name: 'writes to S3 objects',
                fieldSelectors: [
                  { field: 'eventCategory', equals: ['Data'] },
                  { field: 'resources.type', equals: ['AWS::S3::Object'] },
                  { field: 'readOnly', equals: ['false'] },
                ],
              },
            ],
          },
        },
      },
    ]);

    // The shadow of `everywhere` listed in eu-west-1 is read in us-east-1, its home.
    const calls = proxy.log
      .filter((e) => e.account === h.accountId)
      .map((e) => `${e.region} ${e.service}:${e.operation}`);
    expect(calls.filter((c) => c.startsWith(OTHER)).sort()).toEqual([
      `${OTHER} cloudtrail:DescribeTrails`,
      `${OTHER} cloudtrail:GetEventSelectors`,
      `${OTHER} cloudtrail:GetTrailStatus`,
    ]);
    const declared = cloudtrailCollectors.flatMap((c) => c.operations);
    expect([...new Set(calls.map((c) => c.split(' ')[1]))].sort()).toEqual([...declared].sort());
    for (const operation of declared) expect(cloudtrailActions[operation]).toEqual([operation]);
  });

  it('should keep a denied GetEventSelectors as that trail’s error, not the collector’s', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'cloudtrail',
      operation: 'GetEventSelectors',
      region: OTHER,
    });
    const { snapshot } = await h.collect(['cloudtrail.trails'], [OTHER]);
    const [everywhere, local] = trails(snapshot, OTHER);
    expect(everywhere?.eventSelectors.ok).toBe(true);
    expect(local?.eventSelectors).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
    expect(local?.status).toEqual({ ok: true, data: { isLogging: false } });
  });

  it('should fail the collector when DescribeTrails is denied', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'cloudtrail', operation: 'DescribeTrails' });
    const { snapshot } = await h.collect(['cloudtrail.trails'], [OTHER]);
    expect(snapshot.regional('cloudtrail.trails', OTHER)).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
  });
});
