// @palisade/aws: how every service reaches AWS. Credential chain, client factory, region
// resolution, error codes and partitions. Never logs or persists a credential.
export {
  awsAccessOptionsSchema,
  endpointFor,
  normalizeServiceKey,
  resolveAwsAccessOptions,
  type AwsAccessOptions,
  type AwsAccessOptionsInput,
} from './aws-access-options';
export { NestAwsLogger, type AwsLogger, type LogFields } from './aws-logger';
export type { AwsSession, RefreshingCredentials, SourceIdentityFallback } from './aws-session';
export {
  AwsClientFactory,
  type CreateClientOptions,
  type FactoryClientConfig,
  type SdkClientConstructor,
  type SdkClientLike,
} from './client-factory';
export { withReassumeOnExpiry } from './client-middleware';
export { KeyedConcurrencyLimiter, type Release } from './concurrency-limiter';
export { CredentialCache, type Clock } from './credential-cache';
export {
  AwsSessionFactory,
  CHAINED_SESSION_MAX_SECONDS,
  CredentialChain,
  type SessionRequest,
} from './credential-chain';
export {
  AWS_ERROR_CODES,
  AssumeRoleFailedError,
  AwsAccessError,
  classifyAwsError,
  isCredentialsExpired,
  type AwsErrorCode,
  type ClassifiedAwsError,
} from './error-classification';
export {
  PARTITIONS,
  accountOfArn,
  arnFor,
  isPartition,
  partitionOf,
  partitionOfRegion,
  type Partition,
} from './partition';
export {
  resolveRegions,
  type DeniedRegion,
  type DescribeRegionsClient,
  type NotEnabledRegion,
  type RegionInfo,
  type RegionResolution,
  type ResolveRegionsInput,
} from './region-resolver';
export { resolveAccountRegions } from './account-regions';
export {
  KNOWN_REGIONS,
  closestRegion,
  editDistance,
  isKnownRegion,
  type KnownRegion,
} from './known-regions';
export { sanitizeSourceIdentity, sanitizeStsName, sessionNameFor } from './session-name';
export {
  SdkStsApi,
  type AssumeRoleParams,
  type AssumedRole,
  type CallerIdentity,
  type SessionCredentials,
  type StsApi,
} from './sts-api';
export {
  AWS_ACCESS_OPTIONS,
  AWS_BASE_CREDENTIALS,
  AWS_LOGGER,
  AWS_STS_API,
  AwsClientFactoryService,
  AwsModule,
  type AwsModuleAsyncOptions,
  type AwsModuleOptions,
} from './aws.module';
export { awsOptionsFromConfig } from './aws-config';
export { forEachBounded, mapBounded } from './bounded';
