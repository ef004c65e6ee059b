// The cloudtrail collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { cloudtrailTrailsCollector } from './trails.collector';

export const cloudtrailCollectors: readonly CollectorDefinition[] = [cloudtrailTrailsCollector];

/** Every CloudTrail operation above is authorised by the IAM action of the same name. */
export const cloudtrailActions: OperationActions = {
  'cloudtrail:DescribeTrails': ['cloudtrail:DescribeTrails'],
  'cloudtrail:GetTrailStatus': ['cloudtrail:GetTrailStatus'],
  'cloudtrail:GetEventSelectors': ['cloudtrail:GetEventSelectors'],
};
