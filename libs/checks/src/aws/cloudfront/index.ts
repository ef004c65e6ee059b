// The cloudfront checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { cloudfrontDistributionLoggingEnabled } from './cloudfront_distribution_logging_enabled/cloudfront_distribution_logging_enabled.check';

export const cloudfrontChecks: readonly Check[] = [cloudfrontDistributionLoggingEnabled];
