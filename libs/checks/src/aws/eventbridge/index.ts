// The eventbridge checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { eventbridgeBusPolicyNoPublicPrincipal } from './eventbridge_bus_policy_no_public_principal/eventbridge_bus_policy_no_public_principal.check';

export const eventbridgeChecks: readonly Check[] = [eventbridgeBusPolicyNoPublicPrincipal];
