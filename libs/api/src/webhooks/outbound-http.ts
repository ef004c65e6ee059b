import { lookup } from 'node:dns/promises';
import { type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { type LookupFunction } from 'node:net';
import {
  type HostResolver,
  type OutboundPolicy,
  parseWebhookTarget,
  type ResolvedAddress,
  resolveTarget,
  UnsafeTargetError,
} from './address-policy';

/** At most this much of a receiver's response body is read (and then ignored). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How long the host name resolution may take before the attempt fails. */
const RESOLVE_TIMEOUT_MS = 5_000;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address. */
export const systemResolver: HostResolver = async (host) => {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** A resolver that fails after `ms` (getaddrinfo cannot be cancelled; its answer is dropped). */
export function withResolveTimeout(resolve: HostResolver, ms = RESOLVE_TIMEOUT_MS): HostResolver {
  return (host) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('resolution timed out'), { code: 'ETIMEOUT' })),
        ms,
      );
    });
    return Promise.race([resolve(host), timeout]).finally(() => clearTimeout(timer));
  };
}

export interface OutboundRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What one attempt came to: a status code (any), or an error before a response arrived. */
export type OutboundResult =
  | { readonly kind: 'response'; readonly statusCode: number }
  | { readonly kind: 'error'; readonly error: string };

export interface OutboundClientOptions extends OutboundPolicy {
  readonly timeoutMs: number;
  readonly resolve?: HostResolver;
  /** Extra trusted CAs (tests of the TLS path); the system store is used otherwise. */
  readonly ca?: string | readonly string[];
}

/**
 * A lookup that answers only with the address already checked: whatever DNS says by the time the
 * socket connects (rebinding), the connection goes to that address. Node asks with `all: true`
 * when it may try several addresses (autoSelectFamily); both shapes are answered.
 */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all === true) {
      (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address: pinned.address, family: pinned.family },
      ]);
      return;
    }
    callback(null, pinned.address, pinned.family);
  };
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

/**
 * POSTs one webhook: resolves the host, checks every address (the policy of address-policy.ts),
 * connects to the checked address with the original name as Host and TLS SNI (certificates are
 * verified against the name), follows no redirect, reads at most 64 KiB of the response and
 * ignores it, and gives up after `timeoutMs` (resolution included).
 */
export class OutboundClient {
  private readonly resolve: HostResolver;

  constructor(private readonly options: OutboundClientOptions) {
    this.resolve = options.resolve ?? withResolveTimeout(systemResolver);
  }

  async post(outbound: OutboundRequest): Promise<OutboundResult> {
    const deadline = Date.now() + this.options.timeoutMs;
    let address: ResolvedAddress;
    let target;
    try {
      target = parseWebhookTarget(outbound.url, this.options);
      address = await resolveTarget(target, this.resolve, this.options);
    } catch (error) {
      if (error instanceof UnsafeTargetError) {
        return { kind: 'error', error: `refused: ${error.reason}` };
      }
      throw error;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      return { kind: 'error', error: `timed out after ${this.options.timeoutMs} ms` };
    }
    const { url } = target;
    const options: RequestOptions = {
      method: 'POST',
      protocol: url.protocol,
      hostname: target.host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: { ...outbound.headers, 'Content-Length': String(Buffer.byteLength(outbound.body)) },
      lookup: pinnedLookup(address),
      agent: false,
      ...(this.options.ca === undefined ? {} : { ca: this.options.ca as string | string[] }),
    };
    return this.send(target.insecure, options, outbound.body, remaining);
  }

  private send(
    insecure: boolean,
    options: RequestOptions,
    body: string,
    timeoutMs: number,
  ): Promise<OutboundResult> {
    return new Promise((resolve) => {
      let statusCode: number | undefined;
      let settled = false;
      const onResponse = (res: IncomingMessage): void => {
        statusCode = res.statusCode ?? 0;
        const done = (): void => settle({ kind: 'response', statusCode: statusCode ?? 0 });
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) done();
        });
        res.on('end', done);
        res.on('error', done);
        res.on('aborted', done);
      };
      const req: ClientRequest = insecure
        ? httpRequest(options, onResponse)
        : httpsRequest(options, onResponse);
      const timer = setTimeout(() => {
        // A status already received counts: the receiver answered, only its body was slow.
        settle(
          statusCode === undefined
            ? { kind: 'error', error: `timed out after ${this.options.timeoutMs} ms` }
            : { kind: 'response', statusCode },
        );
      }, timeoutMs);
      function settle(result: OutboundResult): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve(result);
      }
      req.on('error', (error) => {
        settle(
          statusCode === undefined
            ? { kind: 'error', error: describe(error) }
            : { kind: 'response', statusCode },
        );
      });
      req.end(body);
    });
  }
}
