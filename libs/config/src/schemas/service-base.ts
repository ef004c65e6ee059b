import type { ConfigValue } from '../config-tree';
import { healthFragment } from '../fragments/health.fragment';
import { httpFragment } from '../fragments/http.fragment';
import { logFragment } from '../fragments/log.fragment';
import { serviceFragment } from '../fragments/service.fragment';

/** What every Palisade process has: its name, where it listens, its log level, its health. */
export function serviceBaseFragments<const N extends string>(
  name: N,
  defaults: { readonly port: number },
) {
  return {
    service: serviceFragment(name),
    http: httpFragment(defaults),
    log: logFragment(),
    health: healthFragment(),
  };
}

type BaseFragments = ReturnType<typeof serviceBaseFragments<string>>;

/** The part of every app's config that libs/observability reads. */
export type ServiceBaseConfig = {
  readonly [K in keyof BaseFragments]: ConfigValue<BaseFragments[K]['node']>;
};
