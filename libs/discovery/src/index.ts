// @palisade/discovery: resolves what a scan covers (Organizations walk, scope) and emits jobs.
export * from './organizations';
export { DiscoveryFeatureModule } from './discovery.module';
export { DEFAULT_DISCOVERY_OPTIONS, type DiscoveryOptions } from './discovery-options';
export { FanOutService, type FanOutResult, UnknownSourceError } from './scans/fan-out.service';
export { ScheduleFiringService } from './schedules/schedule-firing.service';
export { sourceIdentityFor } from './scans/role-chain';
