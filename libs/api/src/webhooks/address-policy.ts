import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * What an IP address is, for outbound webhook safety. Only `public` addresses may receive
 * webhooks; `loopback` too when the test setting `WEBHOOK_ALLOW_LOOPBACK` is on.
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'cgnat'
  | 'reserved'
  | 'invalid';

interface V4Range {
  readonly base: number;
  readonly bits: number;
  readonly cls: AddressClass;
}

function v4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function range4(cidr: string, cls: AddressClass): V4Range {
  const [base, bits] = cidr.split('/') as [string, string];
  return { base: v4(base), bits: Number(bits), cls };
}

/** First match wins; everything not listed is public. */
const V4_RANGES: readonly V4Range[] = [
  range4('0.0.0.0/8', 'unspecified'),
  range4('10.0.0.0/8', 'private'),
  range4('100.64.0.0/10', 'cgnat'),
  range4('127.0.0.0/8', 'loopback'),
  range4('169.254.0.0/16', 'link-local'),
  range4('172.16.0.0/12', 'private'),
  range4('192.0.0.0/24', 'reserved'),
  range4('192.0.2.0/24', 'reserved'),
  range4('192.88.99.0/24', 'reserved'),
  range4('192.168.0.0/16', 'private'),
  range4('198.18.0.0/15', 'reserved'),
  range4('198.51.100.0/24', 'reserved'),
  range4('203.0.113.0/24', 'reserved'),
  range4('224.0.0.0/4', 'multicast'),
  range4('240.0.0.0/4', 'reserved'),
];

function inRange4(address: number, range: V4Range): boolean {
  const size = 2 ** (32 - range.bits);
  return Math.floor(address / size) === Math.floor(range.base / size);
}

function classify4(address: number): AddressClass {
  return V4_RANGES.find((range) => inRange4(address, range))?.cls ?? 'public';
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, embedded IPv4 tail expanded). */
function groups6(text: string): number[] {
  const bare = text.replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  let hex = bare;
  if (tail) {
    const value = v4(tail[1] as string);
    hex = `${bare.slice(0, tail.index)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const [head, rest] = hex.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

function embedded4(high: number, low: number): number {
  return high * 65536 + low;
}

function classify6(g: number[]): AddressClass {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, l = 0] = g;
  const zeroPrefix80 = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zeroPrefix80 && f === 0 && h === 0 && l === 0) return 'unspecified';
  if (zeroPrefix80 && f === 0 && h === 0 && l === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped): the connection goes to the IPv4 address.
  if (zeroPrefix80 && f === 0xffff) return classify4(embedded4(h, l));
  // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765).
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) {
    return classify4(embedded4(h, l));
  }
  // ::a.b.c.d (IPv4-compatible, deprecated) and the rest of ::/96.
  if (zeroPrefix80 && f === 0) return 'reserved';
  // 64:ff9b::/96: NAT64 of a public IPv4 address reaches that address.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return classify4(embedded4(h, l));
  }
  if (a === 0x64 && b === 0xff9b && c === 1) return 'private';
  // 2002::/16 (6to4): the IPv4 address is bits 16-47.
  if (a === 0x2002) return classify4(embedded4(b, c));
  if (a === 0x2001 && b === 0) return 'reserved'; // Teredo
  if (a === 0x2001 && b === 0xdb8) return 'reserved'; // documentation
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return 'reserved'; // discard
  if ((a & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((a & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated) fec0::/10
  if ((a & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is global unicast; everything else is unassigned or special.
  return (a & 0xe000) === 0x2000 ? 'public' : 'reserved';
}

/** The class of an IP address in text form (IPv6 with or without brackets); not an IP: `invalid`. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return classify4(v4(bare));
  if (isIPv6(bare)) return classify6(groups6(bare));
  return 'invalid';
}

export interface OutboundPolicy {
  /** Tests only (`WEBHOOK_ALLOW_LOOPBACK`): loopback addresses, and plain http to them. */
  readonly allowLoopback: boolean;
}

export function isAllowedClass(cls: AddressClass, policy: OutboundPolicy): boolean {
  return cls === 'public' || (policy.allowLoopback && cls === 'loopback');
}

/** A webhook target refused by the outbound policy; `reason` is written for the caller. */
export class UnsafeTargetError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsafeTargetError';
  }
}

/** A webhook URL that passed the syntactic checks; its addresses are checked separately. */
export interface WebhookTarget {
  readonly url: URL;
  /** The host name or IP literal (IPv6 without brackets). */
  readonly host: string;
  /** Plain http: allowed only when every address is loopback and loopback is allowed. */
  readonly insecure: boolean;
}

/**
 * Checks a URL's form: https (http only with the loopback test setting), no credentials, a
 * host. `new URL` has already normalised decimal, octal and hex IPv4 forms (`https://2130706433/`
 * is `127.0.0.1`), so the address checks see the address that will be dialled.
 */
export function parseWebhookTarget(raw: string, policy: OutboundPolicy): WebhookTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTargetError('not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback)) {
    throw new UnsafeTargetError('must be an https URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw new UnsafeTargetError('must not carry credentials (user:password@)');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new UnsafeTargetError('has no host');
  return { url, host, insecure: url.protocol === 'http:' };
}

function described(cls: AddressClass): string {
  return `${/^[aeiou]/.test(cls) ? 'an' : 'a'} ${cls} address`;
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address (`dns.lookup` with `all: true`). */
export type HostResolver = (host: string) => Promise<readonly ResolvedAddress[]>;

/**
 * Resolves the target and checks EVERY address; returns the one to connect to (the first).
 * A host with one refused address is refused: DNS may hand out any of them later.
 */
export async function resolveTarget(
  target: WebhookTarget,
  resolve: HostResolver,
  policy: OutboundPolicy,
): Promise<ResolvedAddress> {
  const literal = isIP(target.host);
  let addresses: readonly ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: target.host, family: literal === 4 ? 4 : 6 }];
  } else {
    try {
      addresses = await resolve(target.host);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new UnsafeTargetError(
        `the host ${target.host} does not resolve${typeof code === 'string' ? ` (${code})` : ''}`,
      );
    }
  }
  const first = addresses[0];
  if (first === undefined) {
    throw new UnsafeTargetError(`the host ${target.host} does not resolve`);
  }
  for (const { address } of addresses) {
    const cls = classifyAddress(address);
    if (!isAllowedClass(cls, policy)) {
      throw new UnsafeTargetError(
        literal !== 0
          ? `${address} is ${described(cls)}; webhooks may only reach public addresses`
          : `the host ${target.host} resolves to ${address}, ${described(cls)}; webhooks may only reach public addresses`,
      );
    }
    if (target.insecure && cls !== 'loopback') {
      throw new UnsafeTargetError('must be an https URL');
    }
  }
  return first;
}
