// What each CIS 5.1–5.15 metric filter must count, as sample CloudTrail events. A metric filter
// monitors a requirement when its pattern matches every `mustMatch` event and none of the
// `mustNotMatch` events (an unrelated read call, and for sign-in rules the benign sign-in): so a
// pattern written differently from the benchmark's (other quoting, order, grouping, wildcards,
// an added eventSource) still counts, and one that leaves out a required event or matches
// everything does not. `pattern` is the benchmark's own filter pattern, used for remediation.

export interface SampleEvent {
  /** What the event is, as messages name it (an eventName, or a short description). */
  label: string;
  event: Record<string, unknown>;
}

export interface MonitoringRequirement {
  /** The CIS AWS Foundations Benchmark v7.0.0 requirement id. */
  cis: string;
  /** What is monitored, as a sentence subject: "IAM policy changes". */
  subject: string;
  /** The benchmark's metric filter pattern. */
  pattern: string;
  mustMatch: readonly SampleEvent[];
  mustNotMatch: readonly SampleEvent[];
}

const ACCOUNT = '111122223333';

const IAM_USER = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEPRINCIPAL1',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userName: 'alice',
};

const ROOT = {
  type: 'Root',
  principalId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
};

/** A management event as CloudTrail writes it to CloudWatch Logs. */
function cloudTrailEvent(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.10',
    userIdentity: IAM_USER,
    eventTime: '2026-05-31T12:00:00Z',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.17.0',
    requestParameters: {},
    responseElements: null,
    eventID: '7b6c1a2e-0000-4000-8000-000000000001',
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...fields,
  };
}

/** One write event per name, from the given service. */
function writeEvents(eventSource: string, names: readonly string[]): SampleEvent[] {
  return names.map((eventName) => ({
    label: eventName,
    event: cloudTrailEvent({ eventSource, eventName }),
  }));
}

function consoleLogin(fields: Record<string, unknown>): Record<string, unknown> {
  return cloudTrailEvent({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    eventType: 'AwsConsoleSignIn',
    requestParameters: null,
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: 'Yes',
    },
    responseElements: { ConsoleLogin: 'Success' },
    ...fields,
  });
}

/** A successful read call: counting it means the filter counts (nearly) everything. */
const UNRELATED_CALL: SampleEvent = {
  label: 'an unrelated successful DescribeInstances call',
  event: cloudTrailEvent({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    readOnly: true,
  }),
};

const MFA_SIGN_IN: SampleEvent = {
  label: 'a successful console sign-in with MFA',
  event: consoleLogin({}),
};

/** `{ ($.eventSource = x) && (($.eventName = a) || ...) }` as the benchmark writes it. */
function eventNamePattern(names: readonly string[], eventSource?: string): string {
  const alternatives = names.map((n) => `($.eventName = ${n})`).join(' || ');
  return eventSource === undefined
    ? `{ ${alternatives} }`
    : `{ ($.eventSource = ${eventSource}) && (${alternatives}) }`;
}

function eventNameRequirement(
  cis: string,
  subject: string,
  eventSource: string,
  names: readonly string[],
  patternHasSource: boolean,
): MonitoringRequirement {
  return {
    cis,
    subject,
    pattern: eventNamePattern(names, patternHasSource ? eventSource : undefined),
    mustMatch: writeEvents(eventSource, names),
    mustNotMatch: [UNRELATED_CALL],
  };
}

export const UNAUTHORIZED_API_CALLS: MonitoringRequirement = {
  cis: '5.1',
  subject: 'Unauthorized API calls',
  pattern:
    '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  mustMatch: [
    {
      label: 'an EC2 call refused with Client.UnauthorizedOperation',
      event: cloudTrailEvent({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'RunInstances',
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: 'You are not authorized to perform this operation.',
      }),
    },
    {
      label: 'an IAM call refused with AccessDenied',
      event: cloudTrailEvent({
        eventSource: 'iam.amazonaws.com',
        eventName: 'ListUsers',
        readOnly: true,
        errorCode: 'AccessDenied',
        errorMessage: 'User is not authorized to perform: iam:ListUsers',
      }),
    },
    {
      label: 'a KMS call refused with AccessDeniedException',
      event: cloudTrailEvent({
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        readOnly: true,
        errorCode: 'AccessDeniedException',
        errorMessage: 'User is not authorized to perform: kms:Decrypt',
      }),
    },
  ],
  mustNotMatch: [UNRELATED_CALL],
};

export const CONSOLE_SIGNIN_WITHOUT_MFA: MonitoringRequirement = {
  cis: '5.2',
  subject: 'Management console sign-ins without MFA',
  pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  mustMatch: [
    {
      label: 'a successful IAM user console sign-in without MFA',
      event: consoleLogin({
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
      }),
    },
  ],
  mustNotMatch: [UNRELATED_CALL, MFA_SIGN_IN],
};

export const ROOT_USAGE: MonitoringRequirement = {
  cis: '5.3',
  subject: 'Uses of the root user',
  pattern:
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  mustMatch: [
    { label: 'a root console sign-in', event: consoleLogin({ userIdentity: ROOT }) },
    {
      label: 'a root API call',
      event: cloudTrailEvent({
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        userIdentity: ROOT,
      }),
    },
  ],
  mustNotMatch: [UNRELATED_CALL],
};

export const IAM_POLICY_CHANGES = eventNameRequirement(
  '5.4',
  'IAM policy changes',
  'iam.amazonaws.com',
  [
    'DeleteGroupPolicy',
    'DeleteRolePolicy',
    'DeleteUserPolicy',
    'PutGroupPolicy',
    'PutRolePolicy',
    'PutUserPolicy',
    'CreatePolicy',
    'DeletePolicy',
    'CreatePolicyVersion',
    'DeletePolicyVersion',
    'AttachRolePolicy',
    'DetachRolePolicy',
    'AttachUserPolicy',
    'DetachUserPolicy',
    'AttachGroupPolicy',
    'DetachGroupPolicy',
  ],
  true,
);

export const CLOUDTRAIL_CHANGES = eventNameRequirement(
  '5.5',
  'CloudTrail configuration changes',
  'cloudtrail.amazonaws.com',
  ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'],
  false,
);

export const CONSOLE_AUTH_FAILURES: MonitoringRequirement = {
  cis: '5.6',
  subject: 'Management console authentication failures',
  pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  mustMatch: [
    {
      label: 'a console sign-in that failed authentication',
      event: consoleLogin({
        userIdentity: { type: 'IAMUser', principalId: ACCOUNT, accountId: ACCOUNT },
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
        responseElements: { ConsoleLogin: 'Failure' },
        errorMessage: 'Failed authentication',
      }),
    },
  ],
  mustNotMatch: [UNRELATED_CALL, MFA_SIGN_IN],
};

export const CMK_DISABLE_OR_DELETION = eventNameRequirement(
  '5.7',
  'Disabling or scheduled deletion of customer-managed KMS keys',
  'kms.amazonaws.com',
  ['DisableKey', 'ScheduleKeyDeletion'],
  true,
);

export const S3_BUCKET_POLICY_CHANGES = eventNameRequirement(
  '5.8',
  'S3 bucket policy changes',
  's3.amazonaws.com',
  [
    'PutBucketAcl',
    'PutBucketPolicy',
    'PutBucketCors',
    'PutBucketLifecycle',
    'PutBucketReplication',
    'DeleteBucketPolicy',
    'DeleteBucketCors',
    'DeleteBucketLifecycle',
    'DeleteBucketReplication',
  ],
  true,
);

export const CONFIG_CHANGES = eventNameRequirement(
  '5.9',
  'AWS Config configuration changes',
  'config.amazonaws.com',
  [
    'StopConfigurationRecorder',
    'DeleteDeliveryChannel',
    'PutDeliveryChannel',
    'PutConfigurationRecorder',
  ],
  true,
);

export const SECURITY_GROUP_CHANGES = eventNameRequirement(
  '5.10',
  'Security group changes',
  'ec2.amazonaws.com',
  [
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'CreateSecurityGroup',
    'DeleteSecurityGroup',
  ],
  false,
);

export const NACL_CHANGES = eventNameRequirement(
  '5.11',
  'Network ACL changes',
  'ec2.amazonaws.com',
  [
    'CreateNetworkAcl',
    'CreateNetworkAclEntry',
    'DeleteNetworkAcl',
    'DeleteNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    'ReplaceNetworkAclAssociation',
  ],
  false,
);

export const NETWORK_GATEWAY_CHANGES = eventNameRequirement(
  '5.12',
  'Network gateway changes',
  'ec2.amazonaws.com',
  [
    'CreateCustomerGateway',
    'DeleteCustomerGateway',
    'AttachInternetGateway',
    'CreateInternetGateway',
    'DeleteInternetGateway',
    'DetachInternetGateway',
  ],
  false,
);

export const ROUTE_TABLE_CHANGES = eventNameRequirement(
  '5.13',
  'Route table changes',
  'ec2.amazonaws.com',
  [
    'CreateRoute',
    'CreateRouteTable',
    'ReplaceRoute',
    'ReplaceRouteTableAssociation',
    'DeleteRouteTable',
    'DeleteRoute',
    'DisassociateRouteTable',
  ],
  true,
);

export const VPC_CHANGES = eventNameRequirement(
  '5.14',
  'VPC changes',
  'ec2.amazonaws.com',
  [
    'CreateVpc',
    'DeleteVpc',
    'ModifyVpcAttribute',
    'AcceptVpcPeeringConnection',
    'CreateVpcPeeringConnection',
    'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection',
    'AttachClassicLinkVpc',
    'DetachClassicLinkVpc',
    'DisableVpcClassicLink',
    'EnableVpcClassicLink',
  ],
  false,
);

export const ORGANIZATIONS_CHANGES = eventNameRequirement(
  '5.15',
  'AWS Organizations changes',
  'organizations.amazonaws.com',
  [
    'AcceptHandshake',
    'AttachPolicy',
    'CreateAccount',
    'CreateOrganizationalUnit',
    'CreatePolicy',
    'DeclineHandshake',
    'DeleteOrganization',
    'DeleteOrganizationalUnit',
    'DeletePolicy',
    'DetachPolicy',
    'DisablePolicyType',
    'EnablePolicyType',
    'InviteAccountToOrganization',
    'LeaveOrganization',
    'MoveAccount',
    'RemoveAccountFromOrganization',
    'UpdatePolicy',
    'UpdateOrganizationalUnit',
  ],
  true,
);

export const MONITORING_REQUIREMENTS: readonly MonitoringRequirement[] = [
  UNAUTHORIZED_API_CALLS,
  CONSOLE_SIGNIN_WITHOUT_MFA,
  ROOT_USAGE,
  IAM_POLICY_CHANGES,
  CLOUDTRAIL_CHANGES,
  CONSOLE_AUTH_FAILURES,
  CMK_DISABLE_OR_DELETION,
  S3_BUCKET_POLICY_CHANGES,
  CONFIG_CHANGES,
  SECURITY_GROUP_CHANGES,
  NACL_CHANGES,
  NETWORK_GATEWAY_CHANGES,
  ROUTE_TABLE_CHANGES,
  VPC_CHANGES,
  ORGANIZATIONS_CHANGES,
];
