// The AWS fault-injecting proxy: an HTTP server on loopback in front of moto (server mode)
// that identifies and logs every AWS call and injects the faults its rules describe.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { AccountRegistry } from './account-registry';
import { EmptyPages, pageKeys } from './empty-page';
import { errorResponse } from './error-responses';
import { errorFor, isErrorRule } from './faults';
import {
  bodyText,
  buffer,
  readAll,
  relay,
  sendBuffered,
  sendText,
  sendUpstream,
  type Upstream,
} from './forward';
import { identifyRequest, type IdentifiedRequest } from './identify-request';
import { InspectorPager } from './inspector-pager';
import { RuleSet } from './rules';
import {
  MOTO_DEFAULT_ACCOUNT,
  type ProxyLogEntry,
  type ProxyRule,
  type ProxyRuleKind,
  type RequestIdentity,
} from './types';

export interface AwsProxyOptions {
  /** Base URL of moto, e.g. `http://127.0.0.1:55500`. */
  upstream: string;
  rules?: readonly ProxyRule[];
  /** Default seed of the rules' PRNGs (default 1). */
  seed?: number;
  /** Account of keys the proxy has not seen issued (default moto's 123456789012). */
  defaultAccount?: string;
  /** Address to listen on (default 127.0.0.1); the port is always a free one. */
  host?: string;
}

export interface AwsProxy {
  /** `http://127.0.0.1:<port>`: the endpoint for SDK clients. */
  readonly url: string;
  readonly port: number;
  /** Every AWS call, in order of completion (moto-api calls are not logged). */
  readonly log: ProxyLogEntry[];
  setRules(rules: readonly ProxyRule[]): void;
  addRule(rule: ProxyRule): void;
  clearRules(): void;
  clearLog(): void;
  close(): Promise<void>;
}

interface Outcome {
  status: number;
  injected?: ProxyRuleKind;
}

class ProxyHandler {
  readonly log: ProxyLogEntry[] = [];
  readonly rules: RuleSet;
  private readonly accounts: AccountRegistry;
  private readonly emptyPages = new EmptyPages();
  private readonly pager = new InspectorPager();

  constructor(
    private readonly upstream: Upstream,
    options: AwsProxyOptions,
  ) {
    this.rules = new RuleSet(options.seed ?? 1, options.rules ?? []);
    this.accounts = new AccountRegistry(options.defaultAccount ?? MOTO_DEFAULT_ACCOUNT);
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const time = new Date().toISOString();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let body = await readAll(req);
    if (url.startsWith('/moto-api')) {
      await relay(await sendUpstream(this.upstream, method, url, req.headers, body), res);
      return;
    }
    const ided = identifyRequest({ method, url, headers: req.headers, body });
    const owner = this.accounts.ownerOf(ided.accessKeyId, req.headers);
    const id: RequestIdentity = {
      service: ided.service,
      operation: ided.operation,
      region: ided.region,
      accessKeyId: ided.accessKeyId,
      account: owner.account,
      protocol: ided.protocol,
      ...(owner.roleArn ? { callerRoleArn: owner.roleArn } : {}),
      ...(owner.sessionName ? { callerSessionName: owner.sessionName } : {}),
      ...(ided.assumeRole ? { assumeRole: ided.assumeRole } : {}),
    };
    let outcome: Outcome;
    try {
      const original = this.emptyPages.originalFor(body);
      const pagerToken =
        id.service === 'inspector2' && id.operation === 'ListFindings'
          ? this.pager.tokenIn(body)
          : undefined;
      if (original) body = original;
      const continuation = original !== undefined || pagerToken !== undefined;
      const rule = this.rules.select(id, { continuation });
      outcome = await this.answer(rule, pagerToken, { req, res, url, body, ided, id });
    } catch (err) {
      outcome = { status: 502 };
      if (!res.headersSent) {
        sendText(res, 502, { 'content-type': 'text/plain' }, `aws proxy: ${String(err)}`);
      } else {
        res.destroy();
      }
    }
    this.log.push({
      time,
      account: id.account,
      service: id.service,
      operation: id.operation,
      region: id.region,
      status: outcome.status,
      accessKeyId: id.accessKeyId,
      method,
      path: ided.path,
      ...(outcome.injected ? { injected: outcome.injected } : {}),
      ...(id.assumeRole ? { assumeRole: id.assumeRole } : {}),
    });
  }

  private async answer(
    rule: ProxyRule | undefined,
    pagerToken: string | undefined,
    x: {
      req: http.IncomingMessage;
      res: http.ServerResponse;
      url: string;
      body: Buffer;
      ided: IdentifiedRequest;
      id: RequestIdentity;
    },
  ): Promise<Outcome> {
    const { req, res, url, body, ided, id } = x;
    const method = req.method ?? 'GET';
    if (rule && isErrorRule(rule)) {
      const r = errorResponse(id.protocol, errorFor(rule, id), req.headers);
      sendText(res, r.status, r.headers, r.body);
      return { status: r.status, injected: rule.kind };
    }
    if (rule?.kind === 'emptyPageWithToken') {
      const keys = pageKeys(id.service, id.operation, rule);
      if (keys) {
        const contentType =
          id.protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
        const headers = { 'content-type': contentType, 'x-amzn-requestid': randomUUID() };
        sendText(res, 200, headers, this.emptyPages.issue(keys, body));
        return { status: 200, injected: rule.kind };
      }
    }
    if (rule?.kind === 'inspectorPaging') {
      const up = await buffer(await sendUpstream(this.upstream, method, url, req.headers, body));
      if (up.status !== 200) {
        sendBuffered(res, up);
        return { status: up.status };
      }
      const page = this.pager.firstPage(bodyText(up), body, rule.pageSize);
      sendText(res, 200, { 'content-type': 'application/json' }, page);
      return { status: 200, injected: rule.kind };
    }
    if (pagerToken) {
      const page = this.pager.nextPage(pagerToken, body);
      if (page !== undefined) {
        sendText(res, 200, { 'content-type': 'application/json' }, page);
        return { status: 200, injected: 'inspectorPaging' };
      }
    }
    const up = await sendUpstream(this.upstream, method, url, req.headers, body);
    if (!AccountRegistry.issuesKeys(ided)) {
      await relay(up, res);
      return { status: up.statusCode ?? 502 };
    }
    const buffered = await buffer(up);
    this.accounts.learnFromResponse(ided, id.account, buffered.status, bodyText(buffered));
    sendBuffered(res, buffered);
    return { status: buffered.status };
  }
}

export async function startAwsProxy(options: AwsProxyOptions): Promise<AwsProxy> {
  const upstreamUrl = new URL(options.upstream);
  const agent = new http.Agent({ keepAlive: false });
  const upstream: Upstream = {
    hostname: upstreamUrl.hostname,
    port: Number(upstreamUrl.port || 80),
    agent,
  };
  const handler = new ProxyHandler(upstream, options);
  const server = http.createServer((req, res) => {
    handler.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, { 'content-type': 'text/plain' }, String(err));
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    log: handler.log,
    setRules: (rules) => handler.rules.set(rules),
    addRule: (rule) => handler.rules.add(rule),
    clearRules: () => handler.rules.clear(),
    clearLog: () => {
      handler.log.splice(0);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
