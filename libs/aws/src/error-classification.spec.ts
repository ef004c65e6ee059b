import { ExpiredTokenException } from '@aws-sdk/client-sts';
import {
  AssumeRoleFailedError,
  AwsAccessError,
  type AwsErrorCode,
  classifyAwsError,
} from './error-classification';

/** An error as the SDK v3 raises it: the AWS code in `name`, the status in `$metadata`. */
function awsError(name: string, message: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode !== undefined && httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: httpStatusCode !== undefined ? { httpStatusCode } : {},
  });
}

function nodeError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

const DENIED =
  'User: arn:aws:sts::111111111111:assumed-role/member/palisade-1 is not authorized to perform: ec2:DescribeInstances';
const SCP = `${DENIED} with an explicit deny in a service control policy`;
const ASSUME =
  'User: arn:aws:sts::111111111111:assumed-role/hub/palisade-1 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/member';

const table: Array<[string, unknown, AwsErrorCode, boolean]> = [
  ['AccessDenied (query)', awsError('AccessDenied', DENIED, 403), 'ACCESS_DENIED', false],
  [
    'AccessDeniedException (JSON)',
    awsError('AccessDeniedException', DENIED, 400),
    'ACCESS_DENIED',
    false,
  ],
  [
    'UnauthorizedOperation (EC2)',
    awsError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. ${DENIED}`,
      403,
    ),
    'ACCESS_DENIED',
    false,
  ],
  ['AuthorizationError (SNS)', awsError('AuthorizationError', DENIED, 403), 'ACCESS_DENIED', false],
  ['an S3 HEAD 403 without a code', awsError('403', '', 403), 'ACCESS_DENIED', false],
  ['AccessDenied by an SCP', awsError('AccessDenied', SCP, 403), 'SCP_DENIED', false],
  [
    'AccessDeniedException by an SCP',
    awsError('AccessDeniedException', SCP, 400),
    'SCP_DENIED',
    false,
  ],
  [
    'UnauthorizedOperation by an SCP',
    awsError('UnauthorizedOperation', `You are not authorized. ${SCP}`, 403),
    'SCP_DENIED',
    false,
  ],
  [
    'OptInRequired',
    awsError(
      'OptInRequired',
      'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.',
      403,
    ),
    'REGION_NOT_ENABLED',
    false,
  ],
  [
    'STS RegionDisabledException',
    awsError(
      'RegionDisabledException',
      'STS is not activated in this region for account:111111111111.',
      403,
    ),
    'REGION_NOT_ENABLED',
    false,
  ],
  [
    'a region "not enabled" message',
    awsError('InvalidRequest', 'The region ap-east-1 is not enabled for this account', 400),
    'REGION_NOT_ENABLED',
    false,
  ],
  [
    'a region "is not subscribed" message',
    awsError(
      'SubscriptionRequired',
      'This account is not subscribed to the region me-south-1',
      400,
    ),
    'REGION_NOT_ENABLED',
    false,
  ],
  [
    'UnrecognizedClientException',
    awsError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      400,
    ),
    'INVALID_TOKEN_IN_REGION',
    false,
  ],
  [
    'InvalidClientTokenId',
    awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
    'INVALID_TOKEN_IN_REGION',
    false,
  ],
  [
    'EC2 AuthFailure',
    awsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401),
    'INVALID_TOKEN_IN_REGION',
    false,
  ],
  ['Throttling (query)', awsError('Throttling', 'Rate exceeded', 400), 'THROTTLED', true],
  [
    'ThrottlingException (JSON)',
    awsError('ThrottlingException', 'Rate exceeded', 400),
    'THROTTLED',
    true,
  ],
  [
    "Organizations' HTTP 400 TooManyRequestsException",
    awsError(
      'TooManyRequestsException',
      'You have sent too many requests in too short a period of time.',
      400,
    ),
    'THROTTLED',
    true,
  ],
  [
    'EC2 RequestLimitExceeded',
    awsError('RequestLimitExceeded', 'Request limit exceeded.', 503),
    'THROTTLED',
    true,
  ],
  ['S3 SlowDown', awsError('SlowDown', 'Please reduce your request rate.', 503), 'THROTTLED', true],
  ['any HTTP 429', awsError('Unknown', 'Too Many Requests', 429), 'THROTTLED', true],
  [
    'ExpiredToken',
    awsError('ExpiredToken', 'The security token included in the request is expired', 403),
    'CREDENTIALS_EXPIRED',
    true,
  ],
  [
    'ExpiredTokenException',
    awsError('ExpiredTokenException', 'The security token included in the request is expired', 400),
    'CREDENTIALS_EXPIRED',
    true,
  ],
  [
    'RequestExpired',
    awsError('RequestExpired', 'Request has expired.', 400),
    'CREDENTIALS_EXPIRED',
    true,
  ],
  [
    'the SDK ExpiredTokenException class',
    new ExpiredTokenException({
      message: 'The security token included in the request is expired',
      $metadata: { httpStatusCode: 400 },
    }),
    'CREDENTIALS_EXPIRED',
    true,
  ],
  [
    'AccessDenied from sts:AssumeRole',
    awsError('AccessDenied', ASSUME, 403),
    'ASSUME_ROLE_DENIED',
    false,
  ],
  [
    'NotImplemented',
    awsError(
      'NotImplemented',
      'A header you provided implies functionality that is not implemented',
      501,
    ),
    'NOT_IMPLEMENTED',
    false,
  ],
  ['any HTTP 501', awsError('Unknown', '', 501), 'NOT_IMPLEMENTED', false],
  [
    "moto's not-yet-implemented filter",
    awsError(
      'Error',
      "The filter 'foo' for DescribeThings has not been implemented in Moto yet.",
      500,
    ),
    'NOT_IMPLEMENTED',
    false,
  ],
  [
    'S3 NoSuchBucket',
    awsError('NoSuchBucket', 'The specified bucket does not exist', 404),
    'NOT_FOUND',
    false,
  ],
  [
    'IAM NoSuchEntity',
    awsError('NoSuchEntity', 'The user with name x cannot be found.', 404),
    'NOT_FOUND',
    false,
  ],
  [
    'ResourceNotFoundException',
    awsError('ResourceNotFoundException', 'Detector not found', 400),
    'NOT_FOUND',
    false,
  ],
  [
    'EC2 InvalidVpcID.NotFound',
    awsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-1' does not exist", 400),
    'NOT_FOUND',
    false,
  ],
  ['a socket refused', nodeError('ECONNREFUSED'), 'NETWORK_ERROR', true],
  ['a socket reset', nodeError('ECONNRESET'), 'NETWORK_ERROR', true],
  ['a DNS failure', nodeError('ENOTFOUND'), 'NETWORK_ERROR', true],
  [
    'an SDK TimeoutError',
    Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }),
    'NETWORK_ERROR',
    true,
  ],
  [
    'a wrapped socket error',
    Object.assign(new Error('socket hang up'), { cause: nodeError('ECONNRESET') }),
    'NETWORK_ERROR',
    true,
  ],
  [
    'a service (not region) that is not subscribed',
    awsError(
      'InvalidAccessException',
      'Account 111111111111 is not subscribed to AWS Security Hub',
      401,
    ),
    'AWS_ERROR',
    false,
  ],
  [
    'an unknown client error',
    awsError('ValidationError', '1 validation error detected', 400),
    'AWS_ERROR',
    false,
  ],
  [
    'InternalError (5xx)',
    awsError('InternalError', 'We encountered an internal error.', 500),
    'AWS_ERROR',
    true,
  ],
  [
    'ServiceUnavailable',
    awsError('ServiceUnavailable', 'Service is unavailable', 503),
    'AWS_ERROR',
    true,
  ],
  ['a plain string', 'boom', 'AWS_ERROR', false],
];

describe('classifyAwsError', () => {
  const rows = table.map(([what, err, code, retriable]) => ({ what, err, code, retriable }));
  it.each(rows)(
    'should classify $what as $code (retriable: $retriable)',
    ({ err, code, retriable }) => {
      const c = classifyAwsError(err);
      expect(c.code).toBe(code);
      expect(c.retriable).toBe(retriable);
    },
  );

  it('should keep AWS code, HTTP status and message', () => {
    expect(classifyAwsError(awsError('AccessDeniedException', DENIED, 400))).toEqual({
      code: 'ACCESS_DENIED',
      retriable: false,
      message: DENIED,
      awsCode: 'AccessDeniedException',
      httpStatus: 400,
    });
  });

  it('should carry no AWS code for a socket error', () => {
    expect(classifyAwsError(nodeError('ECONNREFUSED')).awsCode).toBeUndefined();
  });

  it('should cut messages to 2000 characters (the error record limit)', () => {
    expect(classifyAwsError(awsError('AccessDenied', 'x'.repeat(5000), 403)).message).toHaveLength(
      2000,
    );
  });

  it('should classify a refused hop of the role chain as ASSUME_ROLE_DENIED even with a plain AccessDenied', () => {
    const err = new AssumeRoleFailedError(
      'arn:aws:iam::222222222222:role/member',
      1,
      awsError('AccessDenied', 'Not authorized', 403),
    );
    const c = classifyAwsError(err);
    expect(c.code).toBe('ASSUME_ROLE_DENIED');
    expect(c.awsCode).toBe('AccessDenied');
    expect(c.message).toContain('arn:aws:iam::222222222222:role/member');
  });

  it('should keep the cause code of a hop that failed for another reason', () => {
    const err = new AssumeRoleFailedError(
      'arn:aws:iam::222222222222:role/member',
      0,
      awsError('Throttling', 'Rate exceeded', 400),
    );
    expect(classifyAwsError(err)).toMatchObject({ code: 'THROTTLED', retriable: true });
  });

  it('should return the classification an AwsAccessError already carries', () => {
    const classified = { code: 'REGION_NOT_ENABLED' as const, retriable: false, message: 'nope' };
    expect(classifyAwsError(new AwsAccessError(classified))).toBe(classified);
  });
});
