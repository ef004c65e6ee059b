import { type ModuleMetadata } from '@nestjs/common';

/** The `/v1` resources, one Nest module per folder (docs/api.md lists them). */
export const FEATURE_MODULES: NonNullable<ModuleMetadata['imports']> = [];
