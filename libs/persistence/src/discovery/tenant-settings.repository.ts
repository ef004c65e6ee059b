import { type TenantId } from '../tenancy/tenant-id';
import {
  type CheckSettings,
  type CheckSettingsOverrides,
  effectiveSettings,
  parseCheckSettingsOverrides,
} from './check-settings';
import { generateExternalId } from './external-id';
import { type TenantScope } from './tenant-scope';
import { TenantSettingsEntity } from './tenant-settings.entity';

/** `tenant_settings`: the tenant's ExternalId (always generated here) and check overrides. */
export class TenantSettingsRepository {
  constructor(private readonly scope: TenantScope) {}

  /**
   * The tenant's settings, created with a fresh ExternalId if missing. Race-safe: concurrent
   * callers insert with ON CONFLICT DO NOTHING, then all read the one row that won.
   */
  async ensure(tenantId: TenantId): Promise<TenantSettingsEntity> {
    const manager = this.scope.managerFor(tenantId);
    await manager.query(
      `INSERT INTO public.tenant_settings (tenant_id, external_id) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO NOTHING`,
      [tenantId, generateExternalId()],
    );
    return manager.findOneByOrFail(TenantSettingsEntity, { tenantId });
  }

  /**
   * The single-user CLI's `--external-id`: the role its user deployed expects this value. Never
   * reachable from the api, whose tenants only ever get a generated one (the confused deputy).
   */
  async setExternalId(tenantId: TenantId, externalId: string): Promise<void> {
    await this.ensure(tenantId);
    await this.scope
      .managerFor(tenantId)
      .query(`UPDATE public.tenant_settings SET external_id = $2 WHERE tenant_id = $1`, [
        tenantId,
        externalId,
      ]);
  }

  async get(tenantId: TenantId): Promise<TenantSettingsEntity | null> {
    return await this.scope.managerFor(tenantId).findOneBy(TenantSettingsEntity, { tenantId });
  }

  /** Replaces the tenant's check overrides; validated strictly (`INVALID_ARGUMENT`). */
  async setCheckSettings(tenantId: TenantId, overrides: unknown): Promise<TenantSettingsEntity> {
    const parsed: CheckSettingsOverrides = parseCheckSettingsOverrides(overrides);
    await this.ensure(tenantId);
    await this.scope
      .managerFor(tenantId)
      .query(`UPDATE public.tenant_settings SET check_settings = $2::jsonb WHERE tenant_id = $1`, [
        tenantId,
        JSON.stringify(parsed),
      ]);
    return this.scope.managerFor(tenantId).findOneByOrFail(TenantSettingsEntity, { tenantId });
  }

  /** The defaults merged with the tenant's overrides (the defaults alone when it has no row). */
  async effectiveCheckSettings(tenantId: TenantId): Promise<CheckSettings> {
    return effectiveSettings((await this.get(tenantId))?.checkSettings ?? {});
  }
}
