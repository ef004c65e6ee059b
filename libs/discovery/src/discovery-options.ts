/** Tunables of the discovery service (from its config in apps, explicit in tests). */
export interface DiscoveryOptions {
  /** How often each replica looks for due schedules; 0 turns the scheduler off. */
  readonly schedulerIntervalMs: number;
  /** Role assumptions in flight during a preflight. */
  readonly preflightConcurrency: number;
}

export const DISCOVERY_OPTIONS = Symbol('DISCOVERY_OPTIONS');

export const DEFAULT_DISCOVERY_OPTIONS: DiscoveryOptions = {
  schedulerIntervalMs: 15_000,
  preflightConcurrency: 8,
};
