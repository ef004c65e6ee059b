import { STATUS_CODES, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PROBLEM_CONTENT_TYPE, problemTitle, problemType } from './problem';

/** What Node's HTTP parser refused, and the status it deserves. */
function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_URI_TOO_LONG') return 414;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const SLUGS: Record<number, string> = {
  408: 'request-timeout',
  414: 'uri-too-long',
  431: 'headers-too-large',
};
const DETAILS: Record<number, string> = {
  408: 'the request was not received in time',
  414: 'the request URI is too long',
  431: 'the request headers (the query string included) are too large',
};

/**
 * The raw HTTP response for a request Node's parser refused before any route saw it (headers
 * or query string over the limit, a malformed request line): problem+json like every other
 * error, instead of Node's bare status line.
 */
export function clientErrorResponse(code: string | undefined): string {
  const status = statusOf(code);
  const body = JSON.stringify({
    type: problemType(SLUGS[status] ?? 'bad-request'),
    title: problemTitle(status),
    status,
    detail: DETAILS[status] ?? 'the request is not valid HTTP',
  });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** Answers the HTTP server's client errors with problem+json (see `clientErrorResponse`). */
@Injectable()
export class ClientErrorResponder implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      // A connection that is gone, or that already had a response started, gets nothing.
      if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      socket.end(clientErrorResponse(error.code));
    });
  }
}
