// The sns collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { topicsCollector } from './topics.collector';

export const snsCollectors: readonly CollectorDefinition[] = [topicsCollector];

export const snsActions: OperationActions = {
  'sns:ListTopics': ['sns:ListTopics'],
  'sns:GetTopicAttributes': ['sns:GetTopicAttributes'],
};
