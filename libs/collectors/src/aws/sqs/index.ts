// The sqs collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { sqsQueuesCollector } from './queues.collector';

export const sqsCollectors: readonly CollectorDefinition[] = [sqsQueuesCollector];

export const sqsActions: OperationActions = {
  'sqs:ListQueues': ['sqs:ListQueues'],
  'sqs:GetQueueAttributes': ['sqs:GetQueueAttributes'],
};
