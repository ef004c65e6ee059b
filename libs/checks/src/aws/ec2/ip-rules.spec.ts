import { aclEntry, permission, securityGroup } from './ec2-fixtures';
import { describeOpenRule, openAclEntries, openIngress } from './ip-rules';

const ANY4 = '0.0.0.0/0';
const ANY6 = '::/0';

describe('openIngress', () => {
  const ports = [22, 3389];

  it.each([
    [
      'TCP on the port',
      permission({ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: [ANY4] }),
      [22],
    ],
    [
      'a TCP range covering both',
      permission({ ipProtocol: 'tcp', fromPort: 0, toPort: 65535, ipv4Ranges: [ANY4] }),
      [22, 3389],
    ],
    ['protocol 6 without ports', permission({ ipProtocol: '6', ipv4Ranges: [ANY4] }), [22, 3389]],
    ['all traffic', permission({ ipProtocol: '-1', ipv4Ranges: [ANY4] }), [22, 3389]],
  ])('should find %s open', (_name, rule, opened) => {
    expect(openIngress(securityGroup('sg-1', [rule]), ports, [ANY4])).toEqual([
      expect.objectContaining({ source: ANY4, ports: opened }),
    ]);
  });

  it.each([
    [
      'UDP on the port',
      permission({ ipProtocol: 'udp', fromPort: 22, toPort: 22, ipv4Ranges: [ANY4] }),
    ],
    [
      'a TCP range beside the ports',
      permission({ ipProtocol: 'tcp', fromPort: 23, toPort: 3388, ipv4Ranges: [ANY4] }),
    ],
    ['a narrower source', permission({ ipProtocol: '-1', ipv4Ranges: ['10.0.0.0/8'] })],
    ['a prefix list source', permission({ ipProtocol: '-1', prefixListIds: ['pl-1'] })],
    ['a group source', permission({ ipProtocol: '-1', referencedGroupIds: ['sg-2'] })],
    ['another family', permission({ ipProtocol: '-1', ipv6Ranges: [ANY6] })],
  ])('should not count %s', (_name, rule) => {
    expect(openIngress(securityGroup('sg-1', [rule]), ports, [ANY4])).toEqual([]);
  });

  it('should report each internet source of a rule asked about', () => {
    const rule = permission({
      ipProtocol: 'tcp',
      fromPort: 3389,
      toPort: 3389,
      ipv4Ranges: [ANY4],
      ipv6Ranges: [ANY6],
    });
    expect(openIngress(securityGroup('sg-1', [rule]), ports, [ANY4, ANY6])).toEqual([
      { protocol: 'tcp', fromPort: 3389, toPort: 3389, source: ANY4, ports: [3389] },
      { protocol: 'tcp', fromPort: 3389, toPort: 3389, source: ANY6, ports: [3389] },
    ]);
  });
});

describe('openAclEntries', () => {
  it('should find an ALLOW of all traffic from 0.0.0.0/0 (the default ACL)', () => {
    expect(openAclEntries([aclEntry(100, 'allow'), aclEntry(32767, 'deny')], [22, 3389])).toEqual([
      { ruleNumber: 100, protocol: '-1', source: ANY4, ports: [22, 3389] },
    ]);
  });

  it('should let an earlier DENY for the same port shadow a later ALLOW, whatever the list order', () => {
    const entries = [
      aclEntry(200, 'allow'),
      aclEntry(100, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } }),
    ];
    expect(openAclEntries(entries, [22, 3389])).toEqual([
      { ruleNumber: 200, protocol: '-1', source: ANY4, ports: [3389] },
    ]);
  });

  it('should not let a DENY for a narrower CIDR or another protocol shadow the ALLOW', () => {
    const entries = [
      aclEntry(90, 'deny', { cidrBlock: '10.0.0.0/8' }),
      aclEntry(95, 'deny', { protocol: '17' }),
      aclEntry(100, 'allow', { protocol: '6', portRange: { from: 20, to: 25 } }),
    ];
    expect(openAclEntries(entries, [22])).toEqual([
      {
        ruleNumber: 100,
        protocol: '6',
        source: ANY4,
        portRange: { from: 20, to: 25 },
        ports: [22],
      },
    ]);
  });

  it('should judge ::/0 on its own, and ignore egress entries and narrower ALLOWs', () => {
    const entries = [
      aclEntry(100, 'deny'),
      aclEntry(101, 'allow', { cidrBlock: undefined, ipv6CidrBlock: ANY6 }),
      aclEntry(100, 'allow', { egress: true }),
      aclEntry(50, 'allow', { cidrBlock: '203.0.113.0/24' }),
    ];
    expect(openAclEntries(entries, [22])).toEqual([
      { ruleNumber: 101, protocol: '-1', source: ANY6, ports: [22] },
    ]);
  });

  it('should find nothing when the ports are denied first or never allowed', () => {
    expect(openAclEntries([aclEntry(1, 'deny'), aclEntry(2, 'allow')], [22])).toEqual([]);
    expect(
      openAclEntries(
        [aclEntry(1, 'allow', { protocol: '6', portRange: { from: 443, to: 443 } })],
        [22],
      ),
    ).toEqual([]);
  });
});

describe('describeOpenRule', () => {
  it('should name all traffic, single ports, ranges and portless TCP', () => {
    expect(describeOpenRule({ protocol: '-1', source: ANY4 })).toBe('all traffic from 0.0.0.0/0');
    expect(describeOpenRule({ protocol: 'tcp', source: ANY6, fromPort: 22, toPort: 22 })).toBe(
      'TCP 22 from ::/0',
    );
    expect(
      describeOpenRule({ protocol: '6', source: ANY4, portRange: { from: 1, to: 1024 } }),
    ).toBe('TCP 1-1024 from 0.0.0.0/0');
    expect(describeOpenRule({ protocol: '6', source: ANY4 })).toBe('TCP all ports from 0.0.0.0/0');
  });
});
