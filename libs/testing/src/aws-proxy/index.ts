export { startAwsProxy, type AwsProxy, type AwsProxyOptions } from './aws-proxy';
export {
  awsClientConfig,
  MOTO_DEFAULT_CREDENTIALS,
  type AwsClientConfig,
  type ProxyCredentials,
} from './aws-client-config';
export {
  MOTO_DEFAULT_ACCOUNT,
  type AssumeRoleDetails,
  type AwsProtocol,
  type Matcher,
  type ProxyLogEntry,
  type ProxyRule,
  type ProxyRuleKind,
  type RuleMatch,
} from './types';
