// Trails for the CloudTrail check specs: a logging multi-region trail with the default event
// selector (management events, Read and Write), each part overridable.
import { type Trail, type TrailEventSelectors } from '../../collected/cloudtrail';
import { ok } from '../../framework/outcome';
import { KIT_ACCOUNT } from '../../framework/check-kit';

export const DEFAULT_SELECTORS: TrailEventSelectors = {
  basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }],
  advanced: [],
};

export function trail(name: string, over: Partial<Trail> = {}): Trail {
  const homeRegion = over.homeRegion ?? 'eu-west-1';
  return {
    name,
    arn: `arn:aws:cloudtrail:${homeRegion}:${KIT_ACCOUNT}:trail/${name}`,
    homeRegion,
    isMultiRegion: true,
    isOrganizationTrail: false,
    s3BucketName: `${name}-logs`,
    logFileValidationEnabled: true,
    status: ok({ isLogging: true }),
    eventSelectors: ok(DEFAULT_SELECTORS),
    ...over,
  };
}
