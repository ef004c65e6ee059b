import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo } from 'node:net';
import { TLS_CERT, TLS_KEY } from './tls-fixture';

export interface SinkRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The TLS server name the client sent (https sinks only). */
  readonly servername: string | undefined;
}

/** What the sink answers: a status, optionally a body, after an optional delay. */
export interface SinkReply {
  readonly status: number;
  readonly body?: string | Buffer;
  readonly delayMs?: number;
  readonly headers?: Record<string, string>;
}

export interface WebhookSink {
  readonly port: number;
  readonly requests: SinkRequest[];
  /** Replies in order; the last one repeats. */
  replyWith(...replies: SinkReply[]): void;
  close(): Promise<void>;
}

/** A receiver on 127.0.0.1 that records every request (raw body) and answers as told. */
export async function startWebhookSink(options: { tls?: boolean } = {}): Promise<WebhookSink> {
  const requests: SinkRequest[] = [];
  let replies: SinkReply[] = [{ status: 204 }];
  const timers = new Set<NodeJS.Timeout>();
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const servername = (req.socket as { servername?: string | false }).servername;
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        servername: typeof servername === 'string' ? servername : undefined,
      });
      const reply = (replies.length > 1 ? replies.shift() : replies[0]) as SinkReply;
      const send = (): void => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, reply.delayMs);
        timers.add(timer);
      } else send();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    replyWith: (...next) => {
      replies = next.length > 0 ? next : [{ status: 204 }];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
