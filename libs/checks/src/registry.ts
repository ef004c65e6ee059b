// Every check and every supported framework. A check is registered by adding it to its
// service's index; the registry test enforces names, metadata, specs and framework coverage.
import { type Check } from './framework/check';
import { CIS_AWS_FOUNDATIONS_V7 } from './frameworks/cis-aws-foundations-v7.0.0';
import { PALISADE_SECURITY_COVERAGE_V1 } from './frameworks/palisade-security-coverage-v1';
import { type FrameworkDefinition } from './frameworks/framework-definition';
import { accountChecks } from './aws/account';
import { iamChecks } from './aws/iam';
import { inspector2Checks } from './aws/inspector2';
import { organizationsChecks } from './aws/organizations';
import { s3Checks } from './aws/s3';
import { rdsChecks } from './aws/rds';
import { efsChecks } from './aws/efs';
import { macieChecks } from './aws/macie';
import { cloudtrailChecks } from './aws/cloudtrail';
import { configChecks } from './aws/config';
import { kmsChecks } from './aws/kms';
import { vpcChecks } from './aws/vpc';
import { ec2Checks } from './aws/ec2';
import { cloudfrontChecks } from './aws/cloudfront';
import { elbv2Checks } from './aws/elbv2';
import { apigatewayChecks } from './aws/apigateway';
import { cloudwatchChecks } from './aws/cloudwatch';
import { securityhubChecks } from './aws/securityhub';
import { accessanalyzerChecks } from './aws/accessanalyzer';
import { sqsChecks } from './aws/sqs';
import { snsChecks } from './aws/sns';
import { lambdaChecks } from './aws/lambda';
import { glacierChecks } from './aws/glacier';
import { secretsmanagerChecks } from './aws/secretsmanager';
import { eventbridgeChecks } from './aws/eventbridge';

export const ALL_CHECKS: readonly Check[] = [
  ...accountChecks,
  ...iamChecks,
  ...inspector2Checks,
  ...organizationsChecks,
  ...s3Checks,
  ...rdsChecks,
  ...efsChecks,
  ...macieChecks,
  ...cloudtrailChecks,
  ...configChecks,
  ...kmsChecks,
  ...vpcChecks,
  ...ec2Checks,
  ...cloudfrontChecks,
  ...elbv2Checks,
  ...apigatewayChecks,
  ...cloudwatchChecks,
  ...securityhubChecks,
  ...accessanalyzerChecks,
  ...sqsChecks,
  ...snsChecks,
  ...lambdaChecks,
  ...glacierChecks,
  ...secretsmanagerChecks,
  ...eventbridgeChecks,
];

export const FRAMEWORKS: readonly FrameworkDefinition[] = [
  CIS_AWS_FOUNDATIONS_V7,
  PALISADE_SECURITY_COVERAGE_V1,
];

export interface CheckSelection {
  readonly selected: Check[];
  /** Requested check ids that no check has. */
  readonly unknownChecks: string[];
  /** Requested framework ids that Palisade does not support. */
  readonly unknownFrameworks: string[];
}

/**
 * The checks a job runs: its explicit check ids when it names any, else every check of its
 * frameworks. Unknown ids are reported, never silently dropped.
 */
export function selectChecks(
  request: { readonly checks: readonly string[]; readonly frameworks: readonly string[] },
  registry: readonly Check[] = ALL_CHECKS,
): CheckSelection {
  const byId = new Map(registry.map((c) => [c.metadata.id, c]));
  if (request.checks.length > 0) {
    const unknownChecks = request.checks.filter((id) => !byId.has(id));
    const wanted = new Set(request.checks);
    return {
      selected: registry.filter((c) => wanted.has(c.metadata.id)),
      unknownChecks,
      unknownFrameworks: [],
    };
  }
  const known = new Set(FRAMEWORKS.map((f) => f.id));
  const frameworks = request.frameworks.filter((f) => known.has(f));
  return {
    selected: registry.filter((c) =>
      frameworks.some((f) => c.metadata.compliance[f] !== undefined),
    ),
    unknownChecks: [],
    unknownFrameworks: request.frameworks.filter((f) => !known.has(f)),
  };
}
