import { type MigrationInterface } from 'typeorm';
import { CreateAppRoles1795879800000 } from './1795879800000-create-app-roles';
import { CreateTenants1795879801000 } from './1795879801000-create-tenants';
import { CreateOutbox1795879802000 } from './1795879802000-create-outbox';
import { DeadLetters1795881600000 } from './1795881600000-dead-letters';
import { CreateDiscoveryInventory1795892400000 } from './1795892400000-create-discovery-inventory';
import { CreateSchedulesAndScans1795892401000 } from './1795892401000-create-schedules-and-scans';
import { CreateInspectorWatermarks1795892402000 } from './1795892402000-create-inspector-watermarks';
import { CreateFindings1795900000000 } from './1795900000000-create-findings';
import { CreateApi1795910000000 } from './1795910000000-create-api';
import { ApiReadIndexes1795910001000 } from './1795910001000-api-read-indexes';
import { ExternalIdAnyAwsForm1795920000000 } from './1795920000000-external-id-any-aws-form';

/** Every migration, in order, listed explicitly so a bundled build finds them. Append only. */
export const MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  CreateAppRoles1795879800000,
  CreateTenants1795879801000,
  CreateOutbox1795879802000,
  DeadLetters1795881600000,
  CreateDiscoveryInventory1795892400000,
  CreateSchedulesAndScans1795892401000,
  CreateInspectorWatermarks1795892402000,
  CreateFindings1795900000000,
  CreateApi1795910000000,
  ApiReadIndexes1795910001000,
  ExternalIdAnyAwsForm1795920000000,
];
