import {
  type AddressClass,
  classifyAddress,
  type HostResolver,
  parseWebhookTarget,
  resolveTarget,
  UnsafeTargetError,
} from './address-policy';

const STRICT = { allowLoopback: false };
const LOOPBACK_OK = { allowLoopback: true };

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['8.8.8.8', 'public'],
    ['93.184.215.14', 'public'],
    ['1.1.1.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.15.255.255', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::808:808', 'public'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:0808:0808::1', 'public'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['4000::1', 'reserved'],
    ['localhost', 'invalid'],
    ['127.1', 'invalid'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('parseWebhookTarget', () => {
  it.each([
    // `new URL` normalises decimal, hex and shortened IPv4 forms before the address check.
    ['https://2130706433/hook', '127.0.0.1'],
    ['https://0x7f.0.0.1/hook', '127.0.0.1'],
    ['https://0x7f000001/', '127.0.0.1'],
    ['https://127.1/', '127.0.0.1'],
    ['https://0177.0.0.1/', '127.0.0.1'],
    ['https://2852039166/', '169.254.169.254'],
    ['https://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['https://Hooks.Example.COM./x', 'hooks.example.com.'],
  ])('%s targets host %s', (raw, host) => {
    expect(parseWebhookTarget(raw, STRICT).host).toBe(host);
  });

  it.each([
    ['http://hooks.example.com/', 'must be an https URL'],
    ['ftp://hooks.example.com/', 'must be an https URL'],
    ['hooks.example.com', 'not an absolute URL'],
    ['https://user:pass@hooks.example.com/', 'must not carry credentials (user:password@)'],
  ])('refuses %s: %s', (raw, reason) => {
    expect(() => parseWebhookTarget(raw, STRICT)).toThrow(new UnsafeTargetError(reason));
  });

  it('should accept http only when loopback is allowed (and mark it insecure)', () => {
    expect(parseWebhookTarget('http://127.0.0.1:8080/', LOOPBACK_OK).insecure).toBe(true);
    expect(parseWebhookTarget('https://127.0.0.1/', LOOPBACK_OK).insecure).toBe(false);
  });
});

describe('resolveTarget', () => {
  const resolver =
    (table: Record<string, string[]>): HostResolver =>
    (host) => {
      const addresses = table[host];
      if (!addresses) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
      return Promise.resolve(
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };
  const dns = resolver({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'mixed.example.com': ['93.184.215.14', '10.0.0.7'],
    'metadata.example.com': ['169.254.169.254'],
    'mapped.example.com': ['::ffff:127.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
    'nothing.example.com': [],
  });
  const target = (raw: string, policy = STRICT) =>
    resolveTarget(parseWebhookTarget(raw, policy), dns, policy);

  it('should return the first address when every address is public', async () => {
    await expect(target('https://hooks.example.com/x')).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
  });

  it('should refuse a host when any one of its addresses is private', async () => {
    await expect(target('https://mixed.example.com/')).rejects.toThrow(
      'the host mixed.example.com resolves to 10.0.0.7, a private address',
    );
  });

  it.each([
    ['https://metadata.example.com/', 'a link-local address'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
    ['https://2852039166/', '169.254.169.254 is a link-local address'],
    ['https://mapped.example.com/', 'resolves to ::ffff:127.0.0.1, a loopback address'],
    ['https://localhost/', 'resolves to 127.0.0.1, a loopback address'],
    ['https://[::1]/', '::1 is a loopback address'],
    ['https://0.0.0.0/', '0.0.0.0 is an unspecified address'],
    ['https://100.64.1.1/', 'a cgnat address'],
    ['https://nothing.example.com/', 'the host nothing.example.com does not resolve'],
    ['https://unknown.example.com/', 'the host unknown.example.com does not resolve (ENOTFOUND)'],
  ])('refuses %s (%s)', async (raw, reason) => {
    await expect(target(raw)).rejects.toThrow(reason);
  });

  it('should allow loopback, and http to it, with the test setting only', async () => {
    await expect(target('https://localhost/', LOOPBACK_OK)).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(target('http://127.0.0.1:9000/', LOOPBACK_OK)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    // Still refused with the setting: private and link-local addresses, and http to a public host.
    await expect(target('https://metadata.example.com/', LOOPBACK_OK)).rejects.toThrow(
      'link-local',
    );
    await expect(target('https://0.0.0.0/', LOOPBACK_OK)).rejects.toThrow('unspecified');
    await expect(target('http://hooks.example.com/', LOOPBACK_OK)).rejects.toThrow(
      'must be an https URL',
    );
  });
});
