// Every AWS failure becomes a stable code (errors are data: an error never reads as PASS).
// Pure: looks only at the error's name/code, HTTP status and message.

export const AWS_ERROR_CODES = [
  'ACCESS_DENIED',
  'SCP_DENIED',
  'REGION_NOT_ENABLED',
  'INVALID_TOKEN_IN_REGION',
  'THROTTLED',
  'CREDENTIALS_EXPIRED',
  'ASSUME_ROLE_DENIED',
  'NOT_IMPLEMENTED',
  'NOT_FOUND',
  'NETWORK_ERROR',
  'AWS_ERROR',
] as const;
export type AwsErrorCode = (typeof AWS_ERROR_CODES)[number];

export interface ClassifiedAwsError {
  code: AwsErrorCode;
  /** Whether trying the same call again later may succeed. */
  retriable: boolean;
  message: string;
  /** AWS's own error code (`AccessDenied`, `OptInRequired`, ...), when there is one. */
  awsCode?: string;
  httpStatus?: number;
}

/** Raised when one hop of a role chain cannot be assumed; classifies as `ASSUME_ROLE_DENIED` when denied. */
export class AssumeRoleFailedError extends Error {
  override readonly name = 'AssumeRoleFailedError';
  constructor(
    readonly roleArn: string,
    readonly hopIndex: number,
    override readonly cause: unknown,
  ) {
    super(`AssumeRole into ${roleArn} failed: ${messageOf(cause)}`);
  }
}

/** An error of this library that already carries its classification. */
export class AwsAccessError extends Error {
  override readonly name = 'AwsAccessError';
  constructor(readonly classified: ClassifiedAwsError) {
    super(classified.message);
  }
}

const MAX_MESSAGE = 2000;

const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'NotAuthorized',
  'NotAuthorizedException',
  'InsufficientPrivilegesException',
  'Forbidden',
  'ForbiddenException',
]);
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const REGION_CODES = new Set(['OptInRequired', 'RegionDisabledException']);
const INVALID_TOKEN_CODES = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'AuthFailure',
  'InvalidAccessKeyId',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

const REGION_MESSAGE =
  /\bregions?\b[^.]*\bnot (?:enabled|subscribed|activated)\b|\bnot (?:enabled|subscribed|activated)\b[^.]*\bregions?\b/i;
const SCP_MESSAGE = /service control polic/i;
const NOT_IMPLEMENTED_MESSAGE = /not (?:yet )?implemented|has not been implemented/i;

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $fault?: unknown;
  cause?: unknown;
}

function shapeOf(err: unknown): ErrorShape {
  return typeof err === 'object' && err !== null ? err : {};
}

function messageOf(err: unknown): string {
  if (typeof err === 'string') return err;
  const m = shapeOf(err).message;
  return typeof m === 'string' ? m : String(err);
}

const JS_ERROR_NAMES = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'AbortError',
]);

/** AWS's error code: the SDK puts it in `name` (query protocols also in `Code`). */
function awsCodeOf(e: ErrorShape): string | undefined {
  if (typeof e.Code === 'string' && e.Code !== '') return e.Code;
  if (typeof e.name === 'string' && e.name !== '' && !JS_ERROR_NAMES.has(e.name)) return e.name;
  return undefined;
}

function statusOf(e: ErrorShape): number | undefined {
  const s = e.$metadata?.httpStatusCode;
  return typeof s === 'number' ? s : undefined;
}

function result(
  code: AwsErrorCode,
  retriable: boolean,
  message: string,
  awsCode: string | undefined,
  httpStatus: number | undefined,
): ClassifiedAwsError {
  const out: ClassifiedAwsError = { code, retriable, message: message.slice(0, MAX_MESSAGE) };
  if (awsCode !== undefined) out.awsCode = awsCode;
  if (httpStatus !== undefined) out.httpStatus = httpStatus;
  return out;
}

function isNetwork(e: ErrorShape): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : undefined;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  if (name !== undefined && NETWORK_NAMES.has(name) && statusOf(e) === undefined) return true;
  // The SDK wraps socket errors; the cause carries the errno code.
  const cause = e.cause;
  return (
    cause !== undefined && cause !== e && typeof cause === 'object' && isNetwork(shapeOf(cause))
  );
}

/**
 * Classifies any error from an AWS SDK call (or from this library) into a stable code.
 * Order matters: expiry and throttling are checked before the access-denied family because
 * their HTTP statuses overlap (403/400).
 */
export function classifyAwsError(err: unknown): ClassifiedAwsError {
  if (err instanceof AwsAccessError) return err.classified;
  if (err instanceof AssumeRoleFailedError) {
    const inner = classifyAwsError(err.cause);
    const denied =
      inner.code === 'ACCESS_DENIED' ||
      inner.code === 'SCP_DENIED' ||
      inner.code === 'ASSUME_ROLE_DENIED';
    return {
      ...inner,
      code: denied ? 'ASSUME_ROLE_DENIED' : inner.code,
      message: err.message.slice(0, MAX_MESSAGE),
    };
  }

  const e = shapeOf(err);
  const message = messageOf(err);
  const awsCode = awsCodeOf(e);
  const status = statusOf(e);
  const code = awsCode ?? '';

  if (isNetwork(e)) return result('NETWORK_ERROR', true, message, awsCode, status);
  if (EXPIRED_CODES.has(code)) return result('CREDENTIALS_EXPIRED', true, message, awsCode, status);
  if (THROTTLING_CODES.has(code) || status === 429) {
    return result('THROTTLED', true, message, awsCode, status);
  }
  if (code === 'NotImplemented' || status === 501 || NOT_IMPLEMENTED_MESSAGE.test(message)) {
    return result('NOT_IMPLEMENTED', false, message, awsCode, status);
  }
  if (REGION_CODES.has(code) || REGION_MESSAGE.test(message)) {
    return result('REGION_NOT_ENABLED', false, message, awsCode, status);
  }
  if (INVALID_TOKEN_CODES.has(code)) {
    return result('INVALID_TOKEN_IN_REGION', false, message, awsCode, status);
  }
  const anonymous403 = status === 403 && (code === '' || code === 'Unknown' || code === '403');
  if (ACCESS_DENIED_CODES.has(code) || anonymous403) {
    if (/sts:AssumeRole\b/.test(message)) {
      return result('ASSUME_ROLE_DENIED', false, message, awsCode, status);
    }
    if (SCP_MESSAGE.test(message)) return result('SCP_DENIED', false, message, awsCode, status);
    return result('ACCESS_DENIED', false, message, awsCode, status);
  }
  if (
    code.startsWith('NoSuch') ||
    code.endsWith('NotFoundException') ||
    code.endsWith('.NotFound') ||
    code === 'NotFound'
  ) {
    return result('NOT_FOUND', false, message, awsCode, status);
  }
  const transient = (status !== undefined && status >= 500) || NETWORK_NAMES.has(code);
  return result('AWS_ERROR', transient, message, awsCode, status);
}

/** Whether an error means the credentials expired (and a re-assume may fix the call). */
export function isCredentialsExpired(err: unknown): boolean {
  return classifyAwsError(err).code === 'CREDENTIALS_EXPIRED';
}
