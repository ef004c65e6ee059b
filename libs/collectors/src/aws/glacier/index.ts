// The glacier collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { glacierVaultsCollector } from './vaults.collector';

export const glacierCollectors: readonly CollectorDefinition[] = [glacierVaultsCollector];

export const glacierActions: OperationActions = {
  'glacier:ListVaults': ['glacier:ListVaults'],
  'glacier:GetVaultAccessPolicy': ['glacier:GetVaultAccessPolicy'],
};
