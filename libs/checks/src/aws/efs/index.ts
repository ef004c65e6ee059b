// The efs checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { efsFileSystemEncrypted } from './efs_file_system_encrypted/efs_file_system_encrypted.check';

export const efsChecks: readonly Check[] = [efsFileSystemEncrypted];
