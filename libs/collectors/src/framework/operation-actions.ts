import { type OperationName } from './collector';

/**
 * SDK operations are not IAM actions: `s3:ListBuckets` needs `s3:ListAllMyBuckets`, bucket
 * `GetPublicAccessBlock` needs `s3:GetBucketPublicAccessBlock`, `HeadBucket` needs
 * `s3:ListBucket`. Each service states, for every operation its collectors call, the IAM
 * actions it needs; the member role's policy is generated from these tables.
 */
export type OperationActions = Readonly<Partial<Record<OperationName, readonly string[]>>>;
