// The accessanalyzer checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { accessanalyzerEnabled } from './accessanalyzer_enabled/accessanalyzer_enabled.check';

export const accessanalyzerChecks: readonly Check[] = [accessanalyzerEnabled];
