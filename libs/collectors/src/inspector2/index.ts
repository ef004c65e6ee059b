// Amazon Inspector2 for a scan job: whether an account is scanned, and its findings.
export { inspectorAccountStatus, type InspectorAccountStatus } from './account-status';
export { mapInspectorFinding, type MappedFinding } from './finding-mapper';
export {
  INSPECTOR_PAGE_SIZE,
  inspectorFindingsFilter,
  laterWatermark,
  pullInspectorFindings,
  type InspectorPull,
  type InspectorPullOptions,
} from './findings-puller';
