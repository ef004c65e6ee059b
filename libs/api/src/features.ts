import { type ModuleMetadata } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { SchedulesModule } from './schedules/schedules.module';
import { SourcesModule } from './sources/sources.module';
import { ExportsModule } from './exports/exports.module';
import { SuppressionRulesModule } from './suppression-rules/suppression-rules.module';
import { ScansModule } from './scans/scans.module';
import { ReportsModule } from './reports/reports.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { SettingsModule } from './settings/settings.module';
import { TenantsModule } from './tenants/tenants.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { FindingsModule } from './findings/findings.module';
import { ComplianceModule } from './compliance/compliance.module';

/** The `/v1` resources, one Nest module per folder (docs/api.md lists them). */
export const FEATURE_MODULES: NonNullable<ModuleMetadata['imports']> = [
  SourcesModule,
  AccountsModule,
  SchedulesModule,
  ExportsModule,
  SuppressionRulesModule,
  ScansModule,
  ReportsModule,
  TenantsModule,
  ApiKeysModule,
  SettingsModule,
  AuditLogModule,
  WebhooksModule,
  FindingsModule,
  ComplianceModule,
];
