import { AccountEntity } from './discovery/account.entity';
import { InspectorWatermarkEntity } from './discovery/inspector-watermark.entity';
import { OrganizationalUnitEntity } from './discovery/organizational-unit.entity';
import { ScanJobEntity } from './discovery/scan-job.entity';
import { ScanEntity } from './discovery/scan.entity';
import { ScheduleEntity } from './discovery/schedule.entity';
import { SourceEntity } from './discovery/source.entity';
import { TenantSettingsEntity } from './discovery/tenant-settings.entity';
import { OutboxEntity } from './outbox/outbox.entity';
import { TenantEntity } from './tenancy/tenant.entity';

/** Every entity, listed explicitly (bundling-safe). `check-pending` compares them with the schema. */
export const PERSISTENCE_ENTITIES = [
  TenantEntity,
  OutboxEntity,
  TenantSettingsEntity,
  SourceEntity,
  OrganizationalUnitEntity,
  AccountEntity,
  ScheduleEntity,
  ScanEntity,
  ScanJobEntity,
  InspectorWatermarkEntity,
] as const;
