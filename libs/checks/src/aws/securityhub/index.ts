// The securityhub checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { securityhubEnabled } from './securityhub_enabled/securityhub_enabled.check';

export const securityhubChecks: readonly Check[] = [securityhubEnabled];
