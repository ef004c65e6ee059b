import type { ConfigTree } from '../config-tree';
import type { ConfigSchema } from '../config-schema';
import { apiConfigSchema } from './api-config.schema';
import { discoveryConfigSchema } from './discovery-config.schema';
import { migrateConfigSchema } from './migrate-config.schema';
import { normaliserConfigSchema } from './normaliser-config.schema';
import { scannerConfigSchema } from './scanner-config.schema';

/**
 * The config schema each command of the container image reads: what a deployment (the helm
 * chart, deploy/compose.yaml) may set for that process, and must set for it to boot.
 */
export const IMAGE_COMMAND_SCHEMAS: Readonly<Record<string, ConfigSchema<ConfigTree>>> = {
  discovery: discoveryConfigSchema,
  scanner: scannerConfigSchema,
  normaliser: normaliserConfigSchema,
  api: apiConfigSchema,
  migrate: migrateConfigSchema,
};
