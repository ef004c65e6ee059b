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
export {
  verifyWebhookSignature,
  type VerifyWebhookSignatureInput,
  type WebhookSignatureCheck,
} from './webhooks/webhook-signature';
export { Access, ACCESS_METADATA, type AccessRule } from './auth/access.decorator';
export { API_PREFIX } from './auth/api-key.guard';
export { PROBLEM_CONTENT_TYPE, PROBLEM_RESPONSE } from './http/problem';
