// The elbv2 checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { elbv2LoadBalancerLoggingEnabled } from './elbv2_load_balancer_logging_enabled/elbv2_load_balancer_logging_enabled.check';

export const elbv2Checks: readonly Check[] = [elbv2LoadBalancerLoggingEnabled];
