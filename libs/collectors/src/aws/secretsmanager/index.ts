// The secretsmanager collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { secretsManagerSecretsCollector } from './secrets.collector';

export const secretsmanagerCollectors: readonly CollectorDefinition[] = [
  secretsManagerSecretsCollector,
];

export const secretsmanagerActions: OperationActions = {
  'secretsmanager:ListSecrets': ['secretsmanager:ListSecrets'],
  'secretsmanager:GetResourcePolicy': ['secretsmanager:GetResourcePolicy'],
};
