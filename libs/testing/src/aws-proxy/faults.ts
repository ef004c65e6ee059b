// Which AWS error each fault rule produces, per protocol: codes, HTTP statuses and messages
// as AWS sends them.
import { type AwsError } from './error-responses';
import { type AwsProtocol, type ProxyRule, type RequestIdentity } from './types';

export type ErrorRule = Extract<
  ProxyRule,
  {
    kind:
      | 'accessDenied'
      | 'scpDeny'
      | 'regionNotEnabled'
      | 'assumeRoleRefused'
      | 'throttle'
      | 'orgsTooManyRequests';
  }
>;

export function isErrorRule(rule: ProxyRule): rule is ErrorRule {
  return rule.kind !== 'emptyPageWithToken' && rule.kind !== 'inspectorPaging';
}

/** The caller as IAM names it in authorization messages. */
function principalArn(id: RequestIdentity): string {
  if (id.callerRoleArn) {
    const roleName = id.callerRoleArn.slice(id.callerRoleArn.lastIndexOf('/') + 1);
    return `arn:aws:sts::${id.account}:assumed-role/${roleName}/${id.callerSessionName ?? 'session'}`;
  }
  return `arn:aws:iam::${id.account}:user/moto`;
}

const ACCESS_DENIED: Record<AwsProtocol, { code: string; status: number }> = {
  query: { code: 'AccessDenied', status: 403 },
  'rest-xml': { code: 'AccessDenied', status: 403 },
  ec2: { code: 'UnauthorizedOperation', status: 403 },
  json: { code: 'AccessDeniedException', status: 400 },
  'rest-json': { code: 'AccessDeniedException', status: 403 },
};

const INVALID_TOKEN: Record<AwsProtocol, { code: string; status: number; message: string }> = {
  query: {
    code: 'InvalidClientTokenId',
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  json: {
    code: 'UnrecognizedClientException',
    status: 400,
    message: 'The security token included in the request is invalid.',
  },
  'rest-json': {
    code: 'UnrecognizedClientException',
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  ec2: {
    code: 'AuthFailure',
    status: 401,
    message: 'AWS was not able to validate the provided access credentials',
  },
  'rest-xml': {
    code: 'InvalidAccessKeyId',
    status: 403,
    message: 'The AWS Access Key Id you provided does not exist in our records.',
  },
};

const THROTTLING: Record<AwsProtocol, { code: string; message: string }> = {
  json: { code: 'ThrottlingException', message: 'Rate exceeded' },
  'rest-json': { code: 'ThrottlingException', message: 'Rate exceeded' },
  query: { code: 'Throttling', message: 'Rate exceeded' },
  ec2: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
  'rest-xml': { code: 'SlowDown', message: 'Please reduce your request rate.' },
};

function denied(id: RequestIdentity, why: string): AwsError {
  const { code, status } = ACCESS_DENIED[id.protocol];
  const action = `${id.service}:${id.operation}`;
  let message = `User: ${principalArn(id)} is not authorized to perform: ${action} ${why}`;
  if (id.protocol === 'ec2') {
    message = `You are not authorized to perform this operation. ${message}. Encoded authorization failure message: palisade-proxy`;
  }
  return { code, status, message };
}

export function errorFor(rule: ErrorRule, id: RequestIdentity): AwsError {
  switch (rule.kind) {
    case 'accessDenied': {
      const err = denied(
        id,
        `because no identity-based policy allows the ${id.service}:${id.operation} action`,
      );
      return rule.message ? { ...err, message: rule.message } : err;
    }
    case 'scpDeny':
      return denied(id, 'with an explicit deny in a service control policy');
    case 'regionNotEnabled': {
      const optIn =
        rule.code === 'OptInRequired' || (rule.code === undefined && id.protocol === 'ec2');
      if (optIn) {
        return {
          code: 'OptInRequired',
          status: 403,
          message:
            'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.',
        };
      }
      return INVALID_TOKEN[id.protocol];
    }
    case 'assumeRoleRefused':
      return {
        code: 'AccessDenied',
        status: 403,
        message: `User: ${principalArn(id)} is not authorized to perform: sts:AssumeRole on resource: ${id.assumeRole?.roleArn ?? ''}`,
      };
    case 'throttle': {
      const { code, message } = THROTTLING[id.protocol];
      const status = rule.status ?? (id.protocol === 'rest-xml' ? 503 : 429);
      return {
        code,
        message,
        status,
        headers: { 'retry-after': String(rule.retryAfterSeconds ?? 1) },
      };
    }
    case 'orgsTooManyRequests':
      return {
        code: 'TooManyRequestsException',
        status: 400,
        message:
          'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
      };
  }
}
