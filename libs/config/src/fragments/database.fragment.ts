import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { int, postgresUrl } from '../env-parsers';
import { secret } from '../secret';

export function databaseFragment() {
  return configFragment({
    /** The service role: neither owner nor superuser, so row-level security applies. */
    url: env('DATABASE_URL', secret(postgresUrl())),
    poolSize: env('DATABASE_POOL_SIZE', int({ min: 1, max: 1_000 }).default(10)),
    /** The owning role, for migrations only; unset means migrations are run elsewhere. */
    migrationsUrl: env('DATABASE_MIGRATIONS_URL', secret(postgresUrl()).optional()),
  });
}

export type DatabaseConfig = ConfigValue<ReturnType<typeof databaseFragment>['node']>;
