// Every collector, and the operation → IAM action table of every AWS call Palisade makes in a
// member account (checks' collectors, Inspector2, region discovery).
import { type CollectorKey } from '@palisade/checks';
import { type CollectorDefinition } from './framework/collector';
import { type OperationActions } from './framework/operation-actions';
import { accountActions, accountCollectors } from './aws/account';
import { iamActions, iamCollectors } from './aws/iam';
import { organizationsActions, organizationsCollectors } from './aws/organizations';
import { ecsActions, ecsCollectors } from './aws/ecs';
import { s3Actions, s3Collectors } from './aws/s3';
import { rdsActions, rdsCollectors } from './aws/rds';
import { efsActions, efsCollectors } from './aws/efs';
import { macieActions, macieCollectors } from './aws/macie';
import { cloudtrailActions, cloudtrailCollectors } from './aws/cloudtrail';
import { configActions, configCollectors } from './aws/config';
import { kmsActions, kmsCollectors } from './aws/kms';
import { ec2Actions, ec2Collectors } from './aws/ec2';
import { cloudfrontActions, cloudfrontCollectors } from './aws/cloudfront';
import { elbv2Actions, elbv2Collectors } from './aws/elbv2';
import { apigatewayActions, apigatewayCollectors } from './aws/apigateway';
import { cloudwatchActions, cloudwatchCollectors } from './aws/cloudwatch';
import { securityhubActions, securityhubCollectors } from './aws/securityhub';
import { accessanalyzerActions, accessanalyzerCollectors } from './aws/accessanalyzer';
import { snsActions, snsCollectors } from './aws/sns';
import { sqsActions, sqsCollectors } from './aws/sqs';
import { lambdaActions, lambdaCollectors } from './aws/lambda';
import { glacierActions, glacierCollectors } from './aws/glacier';
import { secretsmanagerActions, secretsmanagerCollectors } from './aws/secretsmanager';
import { eventbridgeActions, eventbridgeCollectors } from './aws/eventbridge';
import { inspector2Actions, inspector2Collectors } from './aws/inspector2';

export const ALL_COLLECTORS: readonly CollectorDefinition[] = [
  ...accountCollectors,
  ...iamCollectors,
  ...organizationsCollectors,
  ...ecsCollectors,
  ...s3Collectors,
  ...rdsCollectors,
  ...efsCollectors,
  ...macieCollectors,
  ...cloudtrailCollectors,
  ...configCollectors,
  ...kmsCollectors,
  ...ec2Collectors,
  ...cloudfrontCollectors,
  ...elbv2Collectors,
  ...apigatewayCollectors,
  ...cloudwatchCollectors,
  ...securityhubCollectors,
  ...accessanalyzerCollectors,
  ...snsCollectors,
  ...sqsCollectors,
  ...lambdaCollectors,
  ...glacierCollectors,
  ...secretsmanagerCollectors,
  ...eventbridgeCollectors,
  ...inspector2Collectors,
];

/** Calls made outside collectors, in the member account. */
const PLATFORM_ACTIONS: OperationActions = {
  'ec2:DescribeRegions': ['ec2:DescribeRegions'],
  // The probe that a region accepts the session before it is scanned.
  'ec2:DescribeAvailabilityZones': ['ec2:DescribeAvailabilityZones'],
  'sts:GetCallerIdentity': [],
};

export const OPERATION_ACTIONS: OperationActions = {
  ...accountActions,
  ...iamActions,
  ...organizationsActions,
  ...ecsActions,
  ...s3Actions,
  ...rdsActions,
  ...efsActions,
  ...macieActions,
  ...cloudtrailActions,
  ...configActions,
  ...kmsActions,
  ...ec2Actions,
  ...cloudfrontActions,
  ...elbv2Actions,
  ...apigatewayActions,
  ...cloudwatchActions,
  ...securityhubActions,
  ...accessanalyzerActions,
  ...snsActions,
  ...sqsActions,
  ...lambdaActions,
  ...glacierActions,
  ...secretsmanagerActions,
  ...eventbridgeActions,
  ...inspector2Actions,
  ...PLATFORM_ACTIONS,
};

/** Collectors by key (a key with two collectors is a bug the catalogue test catches). */
export function collectorCatalogue(
  collectors: readonly CollectorDefinition[] = ALL_COLLECTORS,
): ReadonlyMap<CollectorKey, CollectorDefinition> {
  return new Map(collectors.map((c) => [c.key, c]));
}
