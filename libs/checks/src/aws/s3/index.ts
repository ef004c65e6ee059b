// The s3 checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { s3BucketPublicAccessBlock } from './s3_bucket_public_access_block/s3_bucket_public_access_block.check';

export const s3Checks: readonly Check[] = [s3BucketPublicAccessBlock];
