import { DataSource, type LoggerOptions } from 'typeorm';
import { type PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { PERSISTENCE_ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

/**
 * `owner`: runs migrations (owns the tables). `service`: what every app connects as (the
 * non-owner APP_ROLE, subject to RLS); carries no migrations, so it cannot run them.
 */
export type DatabaseRole = 'owner' | 'service';

export interface DataSourceFactoryOptions {
  url: string;
  role: DatabaseRole;
  /** Shown in pg_stat_activity. Default `palisade-<role>`. */
  applicationName?: string;
  /** Maximum pooled connections. Default 10. */
  poolSize?: number;
  logging?: LoggerOptions;
}

export const MIGRATIONS_TABLE = 'migrations';

export function createDataSourceOptions(
  options: DataSourceFactoryOptions,
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName ?? `palisade-${options.role}`,
    poolSize: options.poolSize ?? 10,
    entities: [...PERSISTENCE_ENTITIES],
    migrations: options.role === 'owner' ? [...MIGRATIONS] : [],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    dropSchema: false,
    // gen_random_uuid() is built in (Postgres ≥ 13); never CREATE EXTENSION at connect time.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: options.logging ?? false,
  };
}

/** A DataSource, not yet initialized. */
export function createDataSource(options: DataSourceFactoryOptions): DataSource {
  return new DataSource(createDataSourceOptions(options));
}
