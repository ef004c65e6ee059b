// The rds checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { rdsClusterMultiAzEnabled } from './rds_cluster_multi_az_enabled/rds_cluster_multi_az_enabled.check';
import { rdsInstanceMinorVersionUpgradeEnabled } from './rds_instance_minor_version_upgrade_enabled/rds_instance_minor_version_upgrade_enabled.check';
import { rdsInstanceMultiAzEnabled } from './rds_instance_multi_az_enabled/rds_instance_multi_az_enabled.check';
import { rdsInstanceNotPubliclyAccessible } from './rds_instance_not_publicly_accessible/rds_instance_not_publicly_accessible.check';
import { rdsInstanceStorageEncrypted } from './rds_instance_storage_encrypted/rds_instance_storage_encrypted.check';

export const rdsChecks: readonly Check[] = [
  rdsInstanceStorageEncrypted,
  rdsInstanceMinorVersionUpgradeEnabled,
  rdsInstanceNotPubliclyAccessible,
  rdsInstanceMultiAzEnabled,
  rdsClusterMultiAzEnabled,
];
