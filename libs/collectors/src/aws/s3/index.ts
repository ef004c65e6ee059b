// The s3 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { accountPublicAccessBlockCollector } from './account-public-access-block.collector';
import { bucketsCollector } from './buckets.collector';

export const s3Collectors: readonly CollectorDefinition[] = [
  bucketsCollector,
  accountPublicAccessBlockCollector,
];

export const s3Actions: OperationActions = {
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:GetBucketLocation': ['s3:GetBucketLocation'],
  's3:GetBucketPolicy': ['s3:GetBucketPolicy'],
  's3:GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
  's3:GetBucketVersioning': ['s3:GetBucketVersioning'],
  's3:GetBucketLogging': ['s3:GetBucketLogging'],
  's3:GetBucketTagging': ['s3:GetBucketTagging'],
  's3:GetAccountPublicAccessBlock': ['s3:GetAccountPublicAccessBlock'],
};
