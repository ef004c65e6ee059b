// @palisade/api: the api service's features: REST controllers, API keys, webhooks, reports.
export { ApiFeatureModule } from './api-feature.module';
export { buildOpenApiDocument, setupDocs } from './openapi/openapi';
export { issueOperatorKey, issueTenantKey, SCOPES, type Scope } from './auth/api-key';
