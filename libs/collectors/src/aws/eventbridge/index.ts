// The eventbridge collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { eventbridgeBusesCollector } from './buses.collector';

export const eventbridgeCollectors: readonly CollectorDefinition[] = [eventbridgeBusesCollector];

export const eventbridgeActions: OperationActions = {
  'events:ListEventBuses': ['events:ListEventBuses'],
};
