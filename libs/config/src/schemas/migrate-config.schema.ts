import { z } from 'zod';
import { configFragment, defineConfigSchema, type ConfigOf } from '../config-schema';
import { env } from '../config-tree';
import { postgresUrl } from '../env-parsers';
import { secret } from '../secret';

/**
 * The migration step (helm's pre-install Job, `run-migrations`, the CI drift check): it
 * connects as the owning role, never the services' role, and may set the services' password.
 */
export const migrateConfigSchema = defineConfigSchema({
  migrations: configFragment({
    url: env('DATABASE_MIGRATIONS_URL', secret(postgresUrl())),
    appRolePassword: env(
      'PALISADE_APP_ROLE_PASSWORD',
      secret(z.string().min(16, { error: 'must be at least 16 characters' })).optional(),
    ),
  }),
});

export type MigrateConfig = ConfigOf<typeof migrateConfigSchema>;
