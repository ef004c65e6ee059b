// cloudtrail.trails: every trail that applies to the region — its own and the shadows of
// multi-region (and organization) trails homed elsewhere — with each trail's status and event
// selectors, read in the trail's home region by ARN (an organization trail belongs to the
// management account; only its ARN names it from a member account).
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  type AdvancedEventSelector,
  type EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail as SdkTrail,
} from '@aws-sdk/client-cloudtrail';
import { type AdvancedFieldSelector, type Trail, type TrailEventSelectors } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

/** A described trail with the two members CloudTrail always returns. */
type NamedTrail = SdkTrail & { Name: string; TrailARN: string };

function isNamed(t: SdkTrail): t is NamedTrail {
  return t.Name !== undefined && t.TrailARN !== undefined;
}

function basicSelector(s: EventSelector): TrailEventSelectors['basic'][number] {
  const selector: TrailEventSelectors['basic'][number] = {
    // CloudTrail's documented defaults when a selector leaves them out.
    readWriteType: s.ReadWriteType ?? 'All',
    includeManagementEvents: s.IncludeManagementEvents ?? true,
    dataResources: (s.DataResources ?? []).map((d) => ({
      type: d.Type ?? '',
      values: d.Values ?? [],
    })),
  };
  if (s.ExcludeManagementEventSources !== undefined && s.ExcludeManagementEventSources.length > 0) {
    selector.excludeManagementEventSources = s.ExcludeManagementEventSources;
  }
  return selector;
}

function advancedSelector(s: AdvancedEventSelector): TrailEventSelectors['advanced'][number] {
  const fieldSelectors = (s.FieldSelectors ?? []).map((f) => {
    const field: AdvancedFieldSelector = { field: f.Field ?? '' };
    if (f.Equals !== undefined) field.equals = f.Equals;
    if (f.StartsWith !== undefined) field.startsWith = f.StartsWith;
    if (f.NotEquals !== undefined) field.notEquals = f.NotEquals;
    if (f.NotStartsWith !== undefined) field.notStartsWith = f.NotStartsWith;
    if (f.EndsWith !== undefined) field.endsWith = f.EndsWith;
    if (f.NotEndsWith !== undefined) field.notEndsWith = f.NotEndsWith;
    return field;
  });
  return s.Name === undefined ? { fieldSelectors } : { name: s.Name, fieldSelectors };
}

async function describeTrail(ctx: CollectorContext, t: NamedTrail): Promise<Trail> {
  const homeRegion = t.HomeRegion ?? ctx.region;
  const home = ctx.client(CloudTrailClient, 'cloudtrail', homeRegion);
  const status = await ctx.attempt(async () => {
    const s = await home.send(new GetTrailStatusCommand({ Name: t.TrailARN }));
    const latest = s.LatestDeliveryTime?.toISOString();
    return latest === undefined
      ? { isLogging: s.IsLogging ?? false }
      : { isLogging: s.IsLogging ?? false, latestDeliveryTime: latest };
  });
  const eventSelectors = await ctx.attempt(async () => {
    const s = await home.send(new GetEventSelectorsCommand({ TrailName: t.TrailARN }));
    return {
      basic: (s.EventSelectors ?? []).map(basicSelector),
      advanced: (s.AdvancedEventSelectors ?? []).map(advancedSelector),
    };
  });
  const trail: Trail = {
    name: t.Name,
    arn: t.TrailARN,
    homeRegion,
    isMultiRegion: t.IsMultiRegionTrail ?? false,
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
    status,
    eventSelectors,
  };
  if (t.S3BucketName) trail.s3BucketName = t.S3BucketName;
  if (t.S3KeyPrefix) trail.s3KeyPrefix = t.S3KeyPrefix;
  if (t.KmsKeyId) trail.kmsKeyId = t.KmsKeyId;
  if (t.CloudWatchLogsLogGroupArn) trail.cloudWatchLogsLogGroupArn = t.CloudWatchLogsLogGroupArn;
  if (t.IncludeGlobalServiceEvents !== undefined) {
    trail.includeGlobalServiceEvents = t.IncludeGlobalServiceEvents;
  }
  return trail;
}

export const cloudtrailTrailsCollector = defineCollector({
  key: 'cloudtrail.trails',
  scope: 'regional',
  operations: [
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:GetEventSelectors',
  ],
  async collect(ctx) {
    const client = ctx.client(CloudTrailClient, 'cloudtrail');
    // DescribeTrails returns every trail at once (it has no pagination).
    const { trailList = [] } = await client.send(
      new DescribeTrailsCommand({ includeShadowTrails: true }),
    );
    return ctx.mapBounded(trailList.filter(isNamed), (t) => describeTrail(ctx, t));
  },
});
