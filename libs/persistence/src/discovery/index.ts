// The discovery tables (sources, inventory, schedules, scans, jobs, tenant settings, Inspector
// watermarks): entities, their tenant-scoped repositories and the unit of work that hands them out.
export {
  type DiscoveryRepositories,
  type DiscoveryWork,
  openDiscoveryRepositories,
  withDiscoveryRepositories,
} from './discovery-repositories';
export { DiscoveryTransactions } from './discovery-transactions';
export { TenantScope } from './tenant-scope';

export { EXTERNAL_ID_PATTERN, generateExternalId, isExternalId } from './external-id';
export {
  CHECK_SETTING_SCHEMAS,
  type CheckSettingKey,
  type CheckSettings,
  type CheckSettingsOverrides,
  checkSettingsOverridesSchema,
  DEFAULT_CHECK_SETTINGS,
  effectiveSettings,
  parseCheckSettingsOverrides,
} from './check-settings';
export {
  type AccountsSourceConfig,
  type AccountsSourceConfigInput,
  accountsSourceConfigSchema,
  iamRoleName,
  type OrganizationScope,
  organizationScopeSchema,
  type OrganizationSourceConfig,
  type OrganizationSourceConfigInput,
  organizationSourceConfigSchema,
  organizationalUnitId,
  parseSourceConfig,
  parseSourceDefinition,
  scanRegion,
  SOURCE_CONFIG_SCHEMAS,
  SOURCE_KINDS,
  type SourceConfig,
  type SourceConfigOf,
  type SourceDefinition,
  type SourceDefinitionInput,
  sourceDefinitionSchema,
  type SourceKind,
  sourceNameSchema,
  type TagFilter,
  tagFilter,
} from './source-config';

export { TenantSettingsEntity } from './tenant-settings.entity';
export { SourceEntity } from './source.entity';
export { OrganizationalUnitEntity } from './organizational-unit.entity';
export { ACCOUNT_STATES, AccountEntity, type AccountState } from './account.entity';
export { type ScanScope, ScheduleEntity } from './schedule.entity';
export {
  SCAN_STATUSES,
  ScanEntity,
  type ScanRequestSpec,
  type ScanStatus,
  type ScanTrigger,
} from './scan.entity';
export {
  SCAN_JOB_SCOPES,
  SCAN_JOB_STATUSES,
  ScanJobEntity,
  type ScanJobScope,
  type ScanJobStatus,
} from './scan-job.entity';
export { InspectorWatermarkEntity } from './inspector-watermark.entity';

export { TenantSettingsRepository } from './tenant-settings.repository';
export { type SourcePatch, SourcesRepository } from './sources.repository';
export {
  type DiscoveredOrganizationalUnit,
  OrganizationalUnitsRepository,
} from './organizational-units.repository';
export {
  AccountsRepository,
  type DiscoveredAccount,
  type InventoryCounts,
} from './accounts.repository';
export { type NewSchedule, type SchedulePatch, SchedulesRepository } from './schedules.repository';
export { type DueSchedule, listDueSchedules } from './due-schedules';
export { type NewScan, type QueuedScan, ScansRepository } from './scans.repository';
export { type InsertedJobs, type NewScanJob, ScanJobsRepository } from './scan-jobs.repository';
export {
  InspectorWatermarksRepository,
  type WatermarkEntry,
} from './inspector-watermarks.repository';
export { nextRunAfter, nextRunsAfter } from './cron-schedule';
