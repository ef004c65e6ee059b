import { createHmac } from 'node:crypto';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I';
const BODY = '{"id":"evt_0123","type":"finding.new"}';
const T = 1_767_225_600;
const NOW = T * 1000;

describe('webhook signatures', () => {
  it('should sign as documented: hex HMAC-SHA256(secret, "<t>.<raw body>")', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhookPayload(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
  });

  it('should accept its own signature, from a string or the raw bytes', () => {
    const header = signWebhookPayload(SECRET, BODY, T);
    expect(verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowMs: NOW })).toEqual({
      valid: true,
      timestamp: T,
    });
    expect(
      verifyWebhookSignature({ body: Buffer.from(BODY), header, secret: SECRET, nowMs: NOW }),
    ).toMatchObject({ valid: true });
  });

  it('should refuse a changed body, another secret, and a re-serialised body', () => {
    const header = signWebhookPayload(SECRET, BODY, T);
    const check = (body: string, secret = SECRET) =>
      verifyWebhookSignature({ body, header, secret, nowMs: NOW });
    expect(check(BODY.replace('new', 'resolved'))).toEqual({ valid: false, reason: 'mismatch' });
    expect(check(BODY, `${SECRET}x`)).toEqual({ valid: false, reason: 'mismatch' });
    expect(check(JSON.stringify(JSON.parse(BODY), null, 1))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('should refuse a timestamp more than 5 minutes from the clock (replay), either way', () => {
    const header = signWebhookPayload(SECRET, BODY, T);
    const at = (nowMs: number) =>
      verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowMs });
    expect(at(NOW + 300_000)).toMatchObject({ valid: true });
    expect(at(NOW + 301_000)).toEqual({ valid: false, reason: 'timestamp-out-of-tolerance' });
    expect(at(NOW - 301_000)).toEqual({ valid: false, reason: 'timestamp-out-of-tolerance' });
    expect(
      verifyWebhookSignature({
        body: BODY,
        header,
        secret: SECRET,
        nowMs: NOW + 600_000,
        toleranceSeconds: 900,
      }),
    ).toMatchObject({ valid: true });
  });

  it('should accept any one of several v1 signatures (and ignore unknown schemes)', () => {
    const good = signWebhookPayload(SECRET, BODY, T).split('v1=')[1] as string;
    const header = `t=${T},v0=abc,v1=${'0'.repeat(64)},v1=${good}`;
    expect(
      verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowMs: NOW }),
    ).toMatchObject({ valid: true });
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['v1=abc', 'malformed'],
    [`t=${T}`, 'malformed'],
    [`t=now,v1=${'a'.repeat(64)}`, 'malformed'],
    [`t=${T},v1=${'A'.repeat(64)}`, 'malformed'],
    [`t=${T},v1=${'a'.repeat(63)}`, 'malformed'],
    ['garbage', 'malformed'],
  ])('should refuse the header %p as %s', (header, reason) => {
    expect(verifyWebhookSignature({ body: BODY, header, secret: SECRET, nowMs: NOW })).toEqual({
      valid: false,
      reason,
    });
  });
});
