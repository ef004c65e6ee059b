import depsGlobalSetup from '../deps/global-setup';
import { buildFleet } from './fleet';

/**
 * Jest globalSetup of the e2e tier: the real dependencies (see deps/global-setup), then one
 * `npm run build` for every fleet suite, which run the compiled services as the image does.
 */
export default function globalSetup(): void {
  depsGlobalSetup();
  buildFleet();
}
