// The kms collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { kmsKeysCollector } from './keys.collector';

export const kmsCollectors: readonly CollectorDefinition[] = [kmsKeysCollector];

/** Every KMS operation above is authorised by the IAM action of the same name. */
export const kmsActions: OperationActions = {
  'kms:ListKeys': ['kms:ListKeys'],
  'kms:DescribeKey': ['kms:DescribeKey'],
  'kms:GetKeyRotationStatus': ['kms:GetKeyRotationStatus'],
  'kms:GetKeyPolicy': ['kms:GetKeyPolicy'],
};
