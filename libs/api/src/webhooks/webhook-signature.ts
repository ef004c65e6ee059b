import { createHmac, timingSafeEqual } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
export const SIGNATURE_HEADER = 'Palisade-Signature';
export const EVENT_ID_HEADER = 'Palisade-Event-Id';
export const EVENT_TYPE_HEADER = 'Palisade-Event-Type';
export const DELIVERY_ID_HEADER = 'Palisade-Delivery-Id';

/** Receivers should refuse a signature whose timestamp is further than this from their clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.`, 'utf8')
    .update(body)
    .digest('hex');
}

/** The `Palisade-Signature` value of a body sent at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export interface VerifyWebhookSignatureInput {
  /** The request body exactly as received (bytes or the undecoded string), not re-serialised JSON. */
  readonly body: string | Buffer;
  /** The `Palisade-Signature` header. */
  readonly header: string | undefined;
  /** The webhook's signing secret (`whsec_…`, the whole string). */
  readonly secret: string;
  /** Default 300 (5 minutes). */
  readonly toleranceSeconds?: number;
  /** Default: the clock, in milliseconds. */
  readonly nowMs?: number;
}

export type WebhookSignatureCheck =
  | { readonly valid: true; readonly timestamp: number }
  | {
      readonly valid: false;
      readonly reason: 'missing' | 'malformed' | 'timestamp-out-of-tolerance' | 'mismatch';
    };

/**
 * What a receiver does with a Palisade webhook: parse `t` and every `v1` of the header, refuse a
 * timestamp more than `toleranceSeconds` away from its clock (replays), recompute
 * HMAC-SHA256(secret, "<t>.<raw body>") and compare it in constant time with each `v1`.
 */
export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): WebhookSignatureCheck {
  if (input.header === undefined || input.header.trim() === '') {
    return { valid: false, reason: 'missing' };
  }
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of input.header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { valid: false, reason: 'malformed' };
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value)) return { valid: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { valid: false, reason: 'malformed' };
      candidates.push(value);
    }
  }
  if (timestamp === undefined || candidates.length === 0) {
    return { valid: false, reason: 'malformed' };
  }
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance) {
    return { valid: false, reason: 'timestamp-out-of-tolerance' };
  }
  const expected = Buffer.from(hmacHex(input.secret, timestamp, input.body), 'hex');
  const match = candidates.some((candidate) =>
    timingSafeEqual(Buffer.from(candidate, 'hex'), expected),
  );
  return match ? { valid: true, timestamp } : { valid: false, reason: 'mismatch' };
}
