// The accessanalyzer checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';

export const accessanalyzerChecks: readonly Check[] = [];
