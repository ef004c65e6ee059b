// The account collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { accountAlternateContactsCollector } from './alternate-contacts.collector';
import { accountContactInformationCollector } from './contact-information.collector';

export const accountCollectors: readonly CollectorDefinition[] = [
  accountContactInformationCollector,
  accountAlternateContactsCollector,
];

export const accountActions: OperationActions = {
  'account:GetContactInformation': ['account:GetContactInformation'],
  'account:GetAlternateContact': ['account:GetAlternateContact'],
};
