// Middleware the client factory puts on every SDK client it builds.
import {
  type AbsoluteLocation,
  type EndpointV2,
  type InitializeHandler,
  type InitializeHandlerArguments,
  type InitializeHandlerOptions,
  type InitializeHandlerOutput,
  type MetadataBearer,
  type Pluggable,
} from '@smithy/types';
import { type RefreshingCredentials } from './aws-session';
import { type AwsLogger } from './aws-logger';
import { type KeyedConcurrencyLimiter } from './concurrency-limiter';
import { isCredentialsExpired } from './error-classification';

type Options = InitializeHandlerOptions & AbsoluteLocation;

function initializeStep<I extends object, O extends MetadataBearer>(
  options: Options,
  handle: (
    next: InitializeHandler<I, O>,
    args: InitializeHandlerArguments<I>,
  ) => Promise<InitializeHandlerOutput<O>>,
): Pluggable<I, O> {
  return {
    applyToStack: (stack) => {
      stack.add((next) => (args) => handle(next, args), options);
    },
  };
}

/**
 * Holds a slot of the account × service semaphore for the whole operation (retries included),
 * so an account's regions and collectors never have more than N calls of a service in flight.
 */
export function concurrencyLimitPlugin<I extends object, O extends MetadataBearer>(
  limiter: KeyedConcurrencyLimiter,
  key: string,
): Pluggable<I, O> {
  return initializeStep<I, O>(
    { step: 'initialize', name: 'palisadeConcurrencyLimit', priority: 'high', override: true },
    (next, args) => limiter.run(key, () => next(args)),
  );
}

/**
 * On `ExpiredToken` / `ExpiredTokenException` / `RequestExpired`, drops the cached session and
 * sends the call once more: it is signed again (this runs before auth and signing), with
 * freshly assumed credentials.
 */
export function reassumeOnExpiryPlugin<I extends object, O extends MetadataBearer>(
  credentials: RefreshingCredentials,
  logger: AwsLogger,
  fields: Record<string, string | undefined>,
  clock: () => number = Date.now,
): Pluggable<I, O> {
  return initializeStep<I, O>(
    { step: 'initialize', name: 'palisadeReassumeOnExpiry', priority: 'normal', override: true },
    async (next, args) => {
      const startedAt = clock();
      try {
        return await next(args);
      } catch (err) {
        if (!isCredentialsExpired(err)) throw err;
        logger.info('credentials expired during a call; re-assuming once', fields);
        credentials.invalidate(startedAt);
        return next(args);
      }
    },
  );
}

/** The same once-only re-assume for code that calls AWS without a factory-built client. */
export async function withReassumeOnExpiry<T>(
  credentials: RefreshingCredentials,
  fn: () => Promise<T>,
  clock: () => number = Date.now,
): Promise<T> {
  const startedAt = clock();
  try {
    return await fn();
  } catch (err) {
    if (!isCredentialsExpired(err)) throw err;
    credentials.invalidate(startedAt);
    return fn();
  }
}

type EndpointProvider = (params: Record<string, unknown>, context?: unknown) => EndpointV2;

const PLACEHOLDER_HOST = 's3-control.endpoint-override.invalid';

/**
 * S3 Control puts the account id in front of the host (`<account>.s3-control.<region>...`),
 * and does so for an endpoint override too: `http://123456789012.127.0.0.1:4566` is not even a
 * valid URL, so no request middleware could repair it. This wraps the client's endpoint
 * resolver: the rules run against a placeholder host (keeping their signing properties), and
 * the resulting URL is pointed back at the override without the account prefix. moto serves
 * S3 Control on its one port, routed by the `/v20180820/` path and the `s3` signing name.
 */
export function s3ControlEndpointProvider(
  original: EndpointProvider,
  overrideUrl: string,
): EndpointProvider {
  const target = new URL(overrideUrl);
  const placeholder = new URL(overrideUrl);
  placeholder.host = PLACEHOLDER_HOST;
  const placeholderUrl = placeholder.toString().replace(/\/$/, '');
  return (params, context) => {
    const endpoint = original({ ...params, Endpoint: placeholderUrl }, context);
    const url = new URL(endpoint.url.toString());
    url.protocol = target.protocol;
    url.host = target.host;
    return { ...endpoint, url };
  };
}
