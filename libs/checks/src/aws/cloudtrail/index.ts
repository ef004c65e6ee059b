// The cloudtrail checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { cloudtrailBucketAccessLoggingEnabled } from './cloudtrail_bucket_access_logging_enabled/cloudtrail_bucket_access_logging_enabled.check';
import { cloudtrailKmsEncryptionEnabled } from './cloudtrail_kms_encryption_enabled/cloudtrail_kms_encryption_enabled.check';
import { cloudtrailLogFileValidationEnabled } from './cloudtrail_log_file_validation_enabled/cloudtrail_log_file_validation_enabled.check';
import { cloudtrailMultiRegionEnabled } from './cloudtrail_multi_region_enabled/cloudtrail_multi_region_enabled.check';
import { cloudtrailS3DataEventsReadEnabled } from './cloudtrail_s3_data_events_read_enabled/cloudtrail_s3_data_events_read_enabled.check';
import { cloudtrailS3DataEventsWriteEnabled } from './cloudtrail_s3_data_events_write_enabled/cloudtrail_s3_data_events_write_enabled.check';

export const cloudtrailChecks: readonly Check[] = [
  cloudtrailMultiRegionEnabled,
  cloudtrailLogFileValidationEnabled,
  cloudtrailBucketAccessLoggingEnabled,
  cloudtrailKmsEncryptionEnabled,
  cloudtrailS3DataEventsWriteEnabled,
  cloudtrailS3DataEventsReadEnabled,
];
