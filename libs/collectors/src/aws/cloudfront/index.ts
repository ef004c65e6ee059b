// The cloudfront collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { cloudfrontDistributionsCollector } from './distributions.collector';

export const cloudfrontCollectors: readonly CollectorDefinition[] = [
  cloudfrontDistributionsCollector,
];

/** Each operation above is authorised by the IAM action of the same name. */
export const cloudfrontActions: OperationActions = {
  'cloudfront:ListDistributions': ['cloudfront:ListDistributions'],
  'cloudfront:GetDistributionConfig': ['cloudfront:GetDistributionConfig'],
  'logs:DescribeDeliverySources': ['logs:DescribeDeliverySources'],
  'logs:DescribeDeliveries': ['logs:DescribeDeliveries'],
};
