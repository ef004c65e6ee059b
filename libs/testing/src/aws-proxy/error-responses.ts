// AWS error responses encoded as each protocol sends them, so the SDK v3 deserialiser finds
// the code where it looks: awsQuery `<ErrorResponse><Error><Code>`, ec2Query
// `<Response><Errors><Error><Code>`, awsJson `__type` (then `code`, then `x-amzn-ErrorType`),
// restJson `x-amzn-ErrorType` header first, restXml `<Error><Code>`.
import { randomUUID } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { headerValue } from './identify-request';
import { type AwsProtocol } from './types';

export interface AwsError {
  code: string;
  message: string;
  status: number;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** Extra members of a JSON error body (e.g. Organizations' `Type`). */
  fields?: Record<string, string>;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function fault(status: number): string {
  return status >= 500 ? 'Receiver' : 'Sender';
}

export function errorResponse(
  protocol: AwsProtocol,
  err: AwsError,
  requestHeaders: IncomingHttpHeaders,
): ProxyResponse {
  const requestId = randomUUID();
  const code = escapeXml(err.code);
  const message = escapeXml(err.message);
  const base = { 'x-amzn-requestid': requestId, ...err.headers };
  switch (protocol) {
    case 'query':
      return {
        status: err.status,
        headers: { ...base, 'content-type': 'text/xml' },
        body:
          `<ErrorResponse><Error><Type>${fault(err.status)}</Type><Code>${code}</Code>` +
          `<Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case 'ec2':
      return {
        status: err.status,
        headers: { ...base, 'content-type': 'text/xml;charset=UTF-8' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code>` +
          `<Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case 'rest-xml':
      return {
        status: err.status,
        headers: { ...base, 'content-type': 'application/xml' },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
          `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`,
      };
    case 'json': {
      const contentType = headerValue(requestHeaders, 'content-type') ?? '';
      const headers: Record<string, string> = {
        ...base,
        'content-type': contentType.startsWith('application/x-amz-json')
          ? contentType
          : 'application/x-amz-json-1.1',
        'x-amzn-errortype': err.code,
      };
      // Services migrated from awsQuery read the query-era code from this header.
      if (headerValue(requestHeaders, 'x-amzn-query-mode') === 'true') {
        headers['x-amzn-query-error'] = `${err.code};${fault(err.status)}`;
      }
      const body = { __type: err.code, Message: err.message, ...err.fields };
      return { status: err.status, headers, body: JSON.stringify(body) };
    }
    case 'rest-json':
      return {
        status: err.status,
        headers: { ...base, 'content-type': 'application/json', 'x-amzn-errortype': err.code },
        body: JSON.stringify({ message: err.message, ...err.fields }),
      };
  }
}
