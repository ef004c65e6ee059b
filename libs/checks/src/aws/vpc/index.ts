// The vpc checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { vpcEndpointsUsedForServices } from './vpc_endpoints_used_for_services/vpc_endpoints_used_for_services.check';
import { vpcFlowLogsEnabled } from './vpc_flow_logs_enabled/vpc_flow_logs_enabled.check';
import { vpcPeeringRoutesLeastAccess } from './vpc_peering_routes_least_access/vpc_peering_routes_least_access.check';

export const vpcChecks: readonly Check[] = [
  vpcPeeringRoutesLeastAccess,
  vpcEndpointsUsedForServices,
  vpcFlowLogsEnabled,
];
