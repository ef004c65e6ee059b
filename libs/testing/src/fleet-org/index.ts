export {
  CLIENT_POSTURES,
  CLIENT_ROLE_NAME,
  clientAccountSpec,
  fleetOrganizationSpec,
  postureRegions,
  type FleetOrganizationSpec,
  type FleetSize,
} from './fleet-spec';
export {
  refusedAccountRule,
  seedClientAccounts,
  seedFleetOrganization,
  type ClientAccounts,
  type ClientSeedOptions,
  type FleetAccount,
  type FleetOrganization,
  type FleetSeedOptions,
  type PostureAccount,
  type RefusedAccount,
} from './seed-fleet';
export { breakAgain, fixMisconfigurations, type PostureChange } from './posture-changes';
