// The inspector2 checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { inspector2ScanningEnabled } from './inspector2_scanning_enabled/inspector2_scanning_enabled.check';

export const inspector2Checks: readonly Check[] = [inspector2ScanningEnabled];
