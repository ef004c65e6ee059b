import { cidrContains, cidrEquals, parseCidr } from './cidr';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`not a CIDR: ${text}`);
  return parsed;
}

describe('parseCidr', () => {
  it('should parse IPv4 and IPv6 blocks and clear host bits', () => {
    expect(parseCidr('10.1.2.3/16')).toEqual({ family: 4, network: 0x0a010000n, prefix: 16 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, network: 0n, prefix: 0 });
    expect(parseCidr('2001:db8::/32')).toEqual({
      family: 6,
      network: 0x20010db8n << 96n,
      prefix: 32,
    });
    expect(parseCidr('::/0')).toEqual({ family: 6, network: 0n, prefix: 0 });
    expect(parseCidr('fe80:0:0:0:0:0:0:1/128')).toEqual({
      family: 6,
      network: (0xfe80n << 112n) | 1n,
      prefix: 128,
    });
  });

  it.each([
    '10.0.0.0',
    '10.0.0/8',
    '10.0.0.256/8',
    '10.0.0.0/33',
    '1::2::3/64',
    '1:2:3:4:5:6:7:8:9/64',
    'g::/8',
    'pl-123',
  ])('should refuse %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('cidrContains / cidrEquals', () => {
  it('should contain narrower blocks of the same family only', () => {
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.1.4.0/24'))).toBe(true);
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.1.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(cidr('10.1.0.0/16'), cidr('10.2.0.0/24'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), cidr('2001:db8::/32'))).toBe(false);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:1::/48'))).toBe(true);
    expect(cidrEquals(cidr('10.1.0.0/16'), cidr('10.1.9.9/16'))).toBe(true);
    expect(cidrEquals(cidr('10.1.0.0/16'), cidr('10.1.0.0/17'))).toBe(false);
  });
});
