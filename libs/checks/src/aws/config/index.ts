// The config checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { configRecorderAllRegionsEnabled } from './config_recorder_all_regions_enabled/config_recorder_all_regions_enabled.check';

export const configChecks: readonly Check[] = [configRecorderAllRegionsEnabled];
