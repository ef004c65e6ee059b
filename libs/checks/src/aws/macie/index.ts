// The macie checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { macieEnabledAllRegions } from './macie_enabled_all_regions/macie_enabled_all_regions.check';

export const macieChecks: readonly Check[] = [macieEnabledAllRegions];
