import { createServer } from 'node:net';
import { type HostResolver } from './address-policy';
import { OutboundClient } from './outbound-http';
import { TLS_CERT, TLS_HOST } from './test/tls-fixture';
import { startWebhookSink, type WebhookSink } from './test/webhook-sink';

const BODY = JSON.stringify({ id: 'evt_1', type: 'ping' });
const HEADERS = { 'Content-Type': 'application/json', 'X-Test': 'yes' };

/** A resolver with fixed answers that counts its calls; unknown names fail like DNS does. */
function fixedResolver(table: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve: HostResolver = (host) => {
    calls.push(host);
    const addresses = table[host];
    if (!addresses) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({
        address,
        family: address.includes(':') ? 6 : 4,
      })),
    );
  };
  return Object.assign(resolve, { calls });
}

describe('OutboundClient (real sockets on loopback)', () => {
  let sink: WebhookSink;
  let tlsSink: WebhookSink;

  beforeAll(async () => {
    sink = await startWebhookSink();
    tlsSink = await startWebhookSink({ tls: true });
  });
  afterAll(async () => {
    await sink.close();
    await tlsSink.close();
  });
  beforeEach(() => {
    sink.requests.length = 0;
    tlsSink.requests.length = 0;
    sink.replyWith();
    tlsSink.replyWith();
  });

  it('should POST the body and headers and report the status', async () => {
    sink.replyWith({ status: 202, body: 'thanks' });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000 });
    const result = await client.post({
      url: `http://127.0.0.1:${sink.port}/hooks/a?x=1`,
      headers: HEADERS,
      body: BODY,
    });
    expect(result).toEqual({ kind: 'response', statusCode: 202 });
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]).toMatchObject({
      method: 'POST',
      url: '/hooks/a?x=1',
      body: BODY,
      headers: {
        'content-type': 'application/json',
        'x-test': 'yes',
        host: `127.0.0.1:${sink.port}`,
      },
    });
  });

  it('should connect to the address it checked, resolving the name once (no second lookup)', async () => {
    // `.invalid` never resolves through the system: only the pinned lookup can reach the sink.
    const resolver = fixedResolver({ 'sink.invalid': ['127.0.0.1'] });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000, resolve: resolver });
    const result = await client.post({
      url: `http://sink.invalid:${sink.port}/x`,
      headers: HEADERS,
      body: BODY,
    });
    expect(result).toEqual({ kind: 'response', statusCode: 204 });
    expect(resolver.calls).toEqual(['sink.invalid']);
    expect(sink.requests[0]?.headers.host).toBe(`sink.invalid:${sink.port}`);
  });

  it('should refuse, without connecting, a host with any refused address', async () => {
    const resolver = fixedResolver({
      'rebind.example.test': ['127.0.0.1', '10.0.0.8'],
      'meta.example.test': ['169.254.169.254'],
    });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000, resolve: resolver });
    await expect(
      client.post({
        url: `http://rebind.example.test:${sink.port}/`,
        headers: HEADERS,
        body: BODY,
      }),
    ).resolves.toEqual({
      kind: 'error',
      error:
        'refused: the host rebind.example.test resolves to 10.0.0.8, a private address; webhooks may only reach public addresses',
    });
    await expect(
      client.post({
        url: 'https://meta.example.test/latest/meta-data/',
        headers: HEADERS,
        body: BODY,
      }),
    ).resolves.toMatchObject({
      kind: 'error',
      error: expect.stringContaining('link-local') as string,
    });
    expect(sink.requests).toHaveLength(0);
  });

  it('should refuse loopback (and http) without the test setting', async () => {
    const client = new OutboundClient({ allowLoopback: false, timeoutMs: 2_000 });
    await expect(
      client.post({ url: `https://127.0.0.1:${sink.port}/`, headers: HEADERS, body: BODY }),
    ).resolves.toMatchObject({
      kind: 'error',
      error: expect.stringContaining('loopback') as string,
    });
    await expect(
      client.post({ url: `http://127.0.0.1:${sink.port}/`, headers: HEADERS, body: BODY }),
    ).resolves.toEqual({ kind: 'error', error: 'refused: must be an https URL' });
    expect(sink.requests).toHaveLength(0);
  });

  it('should send the name as TLS SNI and Host, and verify the certificate against it', async () => {
    const resolver = fixedResolver({ [TLS_HOST]: ['127.0.0.1'] });
    const client = new OutboundClient({
      allowLoopback: true,
      timeoutMs: 2_000,
      resolve: resolver,
      ca: TLS_CERT,
    });
    const result = await client.post({
      url: `https://${TLS_HOST}:${tlsSink.port}/tls`,
      headers: HEADERS,
      body: BODY,
    });
    expect(result).toEqual({ kind: 'response', statusCode: 204 });
    expect(tlsSink.requests[0]).toMatchObject({
      servername: TLS_HOST,
      body: BODY,
      headers: { host: `${TLS_HOST}:${tlsSink.port}` },
    });
  });

  it('should refuse a certificate it does not trust, or one for another name', async () => {
    const resolver = fixedResolver({ [TLS_HOST]: ['127.0.0.1'] });
    const untrusting = new OutboundClient({
      allowLoopback: true,
      timeoutMs: 2_000,
      resolve: resolver,
    });
    const untrusted = await untrusting.post({
      url: `https://${TLS_HOST}:${tlsSink.port}/`,
      headers: HEADERS,
      body: BODY,
    });
    expect(untrusted).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/certificate/i) as string,
    });
    const trusting = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000, ca: TLS_CERT });
    const wrongName = await trusting.post({
      url: `https://127.0.0.1:${tlsSink.port}/`,
      headers: HEADERS,
      body: BODY,
    });
    expect(wrongName).toMatchObject({
      kind: 'error',
      error: expect.stringContaining("does not match certificate's altnames") as string,
    });
    expect(tlsSink.requests).toHaveLength(0);
  });

  it('should not follow a redirect', async () => {
    sink.replyWith({
      status: 302,
      headers: { Location: `http://127.0.0.1:${sink.port}/elsewhere` },
    });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000 });
    await expect(
      client.post({ url: `http://127.0.0.1:${sink.port}/first`, headers: HEADERS, body: BODY }),
    ).resolves.toEqual({ kind: 'response', statusCode: 302 });
    expect(sink.requests.map((r) => r.url)).toEqual(['/first']);
  });

  it('should read a large response only up to the cap', async () => {
    sink.replyWith({ status: 200, body: Buffer.alloc(4 * 1024 * 1024, 'x') });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 5_000 });
    await expect(
      client.post({ url: `http://127.0.0.1:${sink.port}/`, headers: HEADERS, body: BODY }),
    ).resolves.toEqual({ kind: 'response', statusCode: 200 });
  });

  it('should give up after the timeout', async () => {
    sink.replyWith({ status: 200, delayMs: 3_000 });
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 300 });
    const started = Date.now();
    await expect(
      client.post({ url: `http://127.0.0.1:${sink.port}/`, headers: HEADERS, body: BODY }),
    ).resolves.toEqual({ kind: 'error', error: 'timed out after 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('should report a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000 });
    await expect(
      client.post({ url: `http://127.0.0.1:${port}/`, headers: HEADERS, body: BODY }),
    ).resolves.toMatchObject({
      kind: 'error',
      error: expect.stringContaining('ECONNREFUSED') as string,
    });
  });
});
