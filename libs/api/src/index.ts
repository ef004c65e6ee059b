// @palisade/api: the api service's features: REST controllers, API keys, webhooks, reports.
export { ApiFeatureModule } from './api-feature.module';
export { buildOpenApiDocument, setupDocs } from './openapi/openapi';
export {
  canonicalOpenApi,
  generateOpenApiDocument,
  openApiContractViolations,
  openApiDrift,
  operationsOf,
} from './openapi/openapi-contract';
export { issueOperatorKey, issueTenantKey, SCOPES, type Scope } from './auth/api-key';
export * from './reports';
export { writeFindingsExport } from './exports/exports.service';
export {
  asffFormat,
  CSV_FORMAT,
  type ExportFormatSpec,
  OCSF_FORMAT,
} from './exports/export-formats';
export { StreamWriter } from './exports/stream-writer';
export { JOB_COLUMNS, type JobRow, jobView } from './scans/scan-views';
export { type ScanJobView } from './scans/scans.dto';
export { type ExportFilter } from './exports/exports.dto';
export {
  verifyWebhookSignature,
  type VerifyWebhookSignatureInput,
  type WebhookSignatureCheck,
} from './webhooks/webhook-signature';
export { Access, ACCESS_METADATA, type AccessRule } from './auth/access.decorator';
export { API_PREFIX } from './auth/api-key.guard';
export { PROBLEM_CONTENT_TYPE, PROBLEM_RESPONSE } from './http/problem';
