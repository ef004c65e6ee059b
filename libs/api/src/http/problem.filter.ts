import { METHODS } from 'node:http';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { PersistenceError, PersistenceErrorCode } from '@palisade/persistence';
import { type Request, type Response } from 'express';
import { QueryFailedError } from 'typeorm';
import {
  type FieldError,
  type Problem,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  problemTitle,
  problemType,
} from './problem';

interface Rendered {
  readonly problem: Omit<Problem, 'instance' | 'title'>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Express's body parser marks its errors with a `type` and a 4xx `status`. */
function bodyParserError(error: unknown): { status: number; type: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, message } = error as {
    status?: unknown;
    type?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string')
    return null;
  return { status, type, message: typeof message === 'string' ? message : type };
}

interface RouterLayer {
  readonly route?: { readonly methods: Readonly<Record<string, boolean>> };
  match(path: string): boolean;
}

/**
 * The methods the app serves at the request's path when none of its routes serves the
 * request's method (Nest's not-found handler ran): a path that exists with other methods is a
 * 405 with `Allow`, not a 404. Empty when a route serves the method (its handler said 404) or
 * none has the path. Routes of every method (how Nest mounts middleware such as helmet) are
 * not resources.
 */
function allowedMethods(request: Request): string[] {
  const router = (request.app as unknown as { router?: { stack?: RouterLayer[] } } | undefined)
    ?.router;
  const methods = new Set<string>();
  for (const layer of router?.stack ?? []) {
    if (!layer.route || !layer.match(request.path)) continue;
    const served = layer.route.methods;
    if (METHODS.every((method) => served[method.toLowerCase()])) continue;
    for (const [method, on] of Object.entries(served)) {
      if (on && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return methods.has(request.method.toUpperCase()) ? [] : [...methods].sort();
}

/** Postgres refusing a value (bad syntax, out of range, NUL in text): the client's mistake. */
const MALFORMED_VALUE_CODES = new Set(['22P02', '22007', '22008', '22003', '22021', '22P05']);

function pgCode(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return (error.driverError as { code?: string } | undefined)?.code;
}

function render(error: unknown, request?: Request): Rendered {
  if (error instanceof ProblemException) {
    return {
      problem: {
        type: problemType(error.slug),
        status: error.getStatus(),
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      },
      ...(error.headers ? { headers: error.headers } : {}),
    };
  }
  const parser = bodyParserError(error);
  if (parser) {
    const detail =
      parser.type === 'entity.parse.failed' ? 'the body is not valid JSON' : parser.message;
    return {
      problem: {
        type: problemType(parser.type.replace(/\./g, '-')),
        status: parser.status,
        detail,
      },
    };
  }
  if (error instanceof PersistenceError && error.code === PersistenceErrorCode.INVALID_ARGUMENT) {
    const errors: FieldError[] = [{ field: 'body', detail: error.message }];
    return {
      problem: { type: problemType('validation'), status: 422, detail: error.message, errors },
    };
  }
  const code = pgCode(error);
  if (code === '23505') {
    return {
      problem: {
        type: problemType('conflict'),
        status: 409,
        detail: 'a resource with the same unique value exists',
      },
    };
  }
  if (code !== undefined && MALFORMED_VALUE_CODES.has(code)) {
    return {
      problem: {
        type: problemType('bad-request'),
        status: 400,
        detail: 'a value is out of range or malformed',
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const allowed = status === 404 && request ? allowedMethods(request) : [];
    if (allowed.length > 0) {
      return {
        problem: {
          type: problemType('method-not-allowed'),
          status: 405,
          detail: `${request?.method ?? 'this method'} is not allowed here; allowed: ${allowed.join(', ')}`,
        },
        headers: { Allow: allowed.join(', ') },
      };
    }
    const response = error.getResponse();
    const detail =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : error.message;
    const slug = status === 429 ? 'rate-limited' : `http-${status}`;
    return { problem: { type: problemType(status === 404 ? 'not-found' : slug), status, detail } };
  }
  return {
    problem: {
      type: problemType('internal'),
      status: 500,
      detail: 'the server failed to handle the request; it is logged with this request id',
    },
  };
}

/** Every error leaves as RFC 9457 problem+json; only an unexpected one is a 5xx, and is logged. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('api');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, headers } = render(error, request);
    if (problem.status >= 500) {
      this.logger.error(
        { err: error, path: request.path, method: request.method },
        'request failed',
      );
    }
    // A stream already begun cannot become a problem: cut it so the client sees it incomplete.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          ...problem,
          title: problemTitle(problem.status),
          instance: request.originalUrl.split('?')[0],
        }),
      );
  }
}
