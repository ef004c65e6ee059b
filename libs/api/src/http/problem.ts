import { HttpException, HttpStatus } from '@nestjs/common';

/** One bad input: where (`body.regions[2]`, `query.limit`, `header.Idempotency-Key`) and why. */
export interface FieldError {
  readonly field: string;
  readonly detail: string;
}

/** RFC 9457 problem details, with the bad fields of a 400/422 in `errors`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem body in OpenAPI (`components.schemas.Problem`), for `@Api…Response` options. */
export const PROBLEM_RESPONSE = {
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
} as const;

export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong, for a person' },
    instance: { type: 'string', description: 'The request path' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'detail'],
        properties: { field: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** `https://palisade.dev/problems/<slug>`: stable, documented in docs/api.md. */
export function problemType(slug: string): string {
  return `https://palisade.dev/problems/${slug}`;
}

/** An error the filter renders as problem+json with this status, detail and fields. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: readonly FieldError[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail, status);
  }
}

export function notFound(what: string, id: string): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, 'not-found', `no ${what} with id ${id}`);
}

export function conflict(detail: string): ProblemException {
  return new ProblemException(HttpStatus.CONFLICT, 'conflict', detail);
}

/** 422: the request is well-formed but a field's value is refused. */
export function invalidField(field: string, detail: string): ProblemException {
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'validation',
    `${field}: ${detail}`,
    [{ field, detail }],
  );
}

export function badRequest(field: string, detail: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'bad-request', `${field}: ${detail}`, [
    { field, detail },
  ]);
}
