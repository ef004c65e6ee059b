// The config collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { configRecordersCollector } from './recorders.collector';

export const configCollectors: readonly CollectorDefinition[] = [configRecordersCollector];

/** Every AWS Config operation above is authorised by the IAM action of the same name. */
export const configActions: OperationActions = {
  'config:DescribeConfigurationRecorders': ['config:DescribeConfigurationRecorders'],
  'config:DescribeConfigurationRecorderStatus': ['config:DescribeConfigurationRecorderStatus'],
};
