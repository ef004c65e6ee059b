// The per-scan report: the model (`loadScanReport`, read in a tenant transaction), the pure HTML
// renderer (`renderScanReport`) the CLI reuses, and the module serving GET /v1/scans/{id}/report.
export { loadScanReport, type LoadScanReportOptions } from './scan-report.loader';
export { renderScanReport } from './scan-report.render';
export { REPORT_CSP, REPORT_CSP_HEADER } from './report-assets';
export { ReportsModule } from './reports.module';
export type * from './scan-report.model';
export {
  FINDING_STATES,
  REPORT_FINDINGS_LIMIT,
  SEVERITY_ORDER,
  TREND_DAYS,
} from './scan-report.model';
