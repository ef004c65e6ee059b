// Forwarding one request to the upstream (moto) and relaying or buffering its answer.
import http from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'expect',
];

export interface Upstream {
  hostname: string;
  port: number;
  agent: http.Agent;
}

export interface BufferedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

/** Sends method, path, headers (Host unchanged) and body upstream; resolves with the response. */
export function sendUpstream(
  upstream: Upstream,
  method: string,
  url: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outHeaders = withoutHopByHop(headers);
    if (body.length > 0 || method !== 'GET') outHeaders['content-length'] = String(body.length);
    else delete outHeaders['content-length'];
    const req = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method,
        path: url,
        headers: outHeaders,
        agent: upstream.agent,
      },
      resolve,
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) =>
      chunks.push(typeof c === 'string' ? Buffer.from(c) : c),
    );
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Streams an upstream response to the client; resolves when it has been sent. */
export function relay(up: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    res.writeHead(up.statusCode ?? 502, withoutHopByHop(up.headers));
    up.pipe(res);
    up.on('error', reject);
    res.on('finish', () => resolve());
    res.on('close', () => resolve());
  });
}

export async function buffer(up: http.IncomingMessage): Promise<BufferedResponse> {
  return { status: up.statusCode ?? 502, headers: up.headers, body: await readAll(up) };
}

/** The response body as text, decoded if the upstream compressed it. */
export function bodyText(r: BufferedResponse): string {
  const encoding = r.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(r.body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(r.body).toString('utf8');
  return r.body.toString('utf8');
}

export function sendBuffered(res: http.ServerResponse, r: BufferedResponse): void {
  const headers = withoutHopByHop(r.headers);
  headers['content-length'] = String(r.body.length);
  res.writeHead(r.status, headers);
  res.end(r.body);
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
  res.end(bytes);
}
