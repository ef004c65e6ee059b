import { type DatabaseConfig } from '@palisade/config';
import { type PersistenceModuleOptions } from './persistence.module';

/** The part of an app's parsed config that persistence reads. */
export interface PersistenceConfigSource {
  readonly service: { readonly name: string };
  readonly database: DatabaseConfig;
}

/** Maps an app's parsed config to PersistenceModule options (the service role's connection). */
export function persistenceOptionsFromConfig(
  config: PersistenceConfigSource,
): PersistenceModuleOptions {
  return {
    url: config.database.url,
    applicationName: `palisade-${config.service.name}`,
    poolSize: config.database.poolSize,
  };
}
