// The CLI's embedded Postgres: one persistent local cluster, migrated, with production's roles.
export {
  openEmbeddedDatabase,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
} from './embedded-database';
export { EmbeddedDatabaseError, EmbeddedDatabaseErrorCode } from './embedded-database-error';
export { defaultDataDir, ROOT_DATA_DIR } from './data-dir';
