import { Injectable } from '@nestjs/common';
import {
  CHECK_SETTING_SCHEMAS,
  type CheckSettingKey,
  effectiveSettings,
  type TenantId,
  TenantSettingsRepository,
} from '@palisade/persistence';
import { TenantDb } from '../tenancy/tenant-db';
import { settingsSchema, type SettingsView } from './settings.dto';

/** The stored overrides that are still valid: the ones `effectiveSettings` applies. */
function validOverrides(stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const valid: Record<string, unknown> = {};
  for (const key of Object.keys(CHECK_SETTING_SCHEMAS) as CheckSettingKey[]) {
    const parsed = key in stored ? CHECK_SETTING_SCHEMAS[key].safeParse(stored[key]) : undefined;
    if (parsed?.success) valid[key] = parsed.data;
  }
  return valid;
}

function view(stored: Readonly<Record<string, unknown>>): SettingsView {
  const overrides = validOverrides(stored);
  return {
    checkSettings: settingsSchema.shape.checkSettings.parse(effectiveSettings(overrides)),
    overrides: settingsSchema.shape.overrides.parse(overrides),
  };
}

/** The tenant's check thresholds (`tenant_settings.check_settings`), read at every scan. */
@Injectable()
export class SettingsService {
  constructor(private readonly db: TenantDb) {}

  get(tenantId: TenantId): Promise<SettingsView> {
    return this.db.run(tenantId, async (_manager, scope) => {
      const row = await new TenantSettingsRepository(scope).get(tenantId);
      return view(row?.checkSettings ?? {});
    });
  }

  /** Replaces the overrides (validated again by the repository, which refuses anything unknown). */
  put(tenantId: TenantId, overrides: Readonly<Record<string, unknown>>): Promise<SettingsView> {
    return this.db.run(tenantId, async (_manager, scope) => {
      const row = await new TenantSettingsRepository(scope).setCheckSettings(tenantId, overrides);
      return view(row.checkSettings);
    });
  }
}
