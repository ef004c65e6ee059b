export { ConfigError, type ConfigIssue } from './config-error';
export {
  configFragment,
  configRule,
  configVariables,
  defineConfigSchema,
  type ConfigFragment,
  type ConfigOf,
  type ConfigRule,
  type ConfigSchema,
} from './config-schema';
export {
  env,
  fixed,
  EnvVar,
  Fixed,
  type ConfigNode,
  type ConfigTree,
  type ConfigValue,
} from './config-tree';
export { APP_CONFIG, CONFIG_ENV, InjectConfig } from './config.tokens';
export { ConfigModule } from './config.module';
export {
  awsRegion,
  bool,
  brokerList,
  httpUrl,
  int,
  nonEmptyString,
  oneOf,
  port,
  postgresUrl,
} from './env-parsers';
export { envWith, loadConfig, type Env } from './load-config';
export { redactConfig } from './redact-config';
export { REDACTED, secret } from './secret';
export { apiFragment, type ApiSettings } from './fragments/api.fragment';
export { awsFragment, type AwsConfig } from './fragments/aws.fragment';
export { databaseFragment, type DatabaseConfig } from './fragments/database.fragment';
export { healthFragment, type HealthConfig } from './fragments/health.fragment';
export { httpFragment, type HttpConfig } from './fragments/http.fragment';
export {
  KAFKA_SASL_MECHANISMS,
  kafkaBrokersRule,
  kafkaFragment,
  type KafkaConfig,
  type KafkaSaslMechanism,
} from './fragments/kafka.fragment';
export { LOG_LEVELS, logFragment, type LogConfig, type LogLevel } from './fragments/log.fragment';
export { serviceFragment, type ServiceConfig } from './fragments/service.fragment';
export { TRANSPORTS, transportFragment, type Transport } from './fragments/transport.fragment';
export { apiConfigSchema, type ApiConfig } from './schemas/api-config.schema';
export { cliConfigSchema, type CliConfig } from './schemas/cli-config.schema';
export { discoveryConfigSchema, type DiscoveryConfig } from './schemas/discovery-config.schema';
export { normaliserConfigSchema, type NormaliserConfig } from './schemas/normaliser-config.schema';
export { scannerConfigSchema, type ScannerConfig } from './schemas/scanner-config.schema';
export { scannerFragment, type ScannerTuning } from './fragments/scanner.fragment';
export { normaliserFragment, type NormaliserTuning } from './fragments/normaliser.fragment';
export { serviceBaseFragments, type ServiceBaseConfig } from './schemas/service-base';
export { migrateConfigSchema, type MigrateConfig } from './schemas/migrate-config.schema';
export { IMAGE_COMMAND_SCHEMAS } from './schemas/image-command-schemas';
