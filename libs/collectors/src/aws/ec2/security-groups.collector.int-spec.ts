// ec2.securityGroups against moto: IPv4 / IPv6 ranges, port ranges, all-traffic rules, prefix
// lists, referenced groups, and the default group of a VPC.
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
} from '@aws-sdk/client-ec2';
import { type SecurityGroup } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.securityGroups (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list each group with its ingress and egress rules', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.40.0.0/16');
    const created = await seed.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'admin', Description: 'admin', VpcId: vpc }),
    );
    const groupId = created.GroupId ?? '';
    const prefixList = await seed.ec2.send(
      new CreateManagedPrefixListCommand({
        PrefixListName: 'office',
        AddressFamily: 'IPv4',
        MaxEntries: 2,
        Entries: [{ Cidr: '198.51.100.0/24' }],
      }),
    );
    const prefixListId = prefixList.PrefixList?.PrefixListId ?? '';
    await seed.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          {
            IpProtocol: 'tcp',
            FromPort: 1000,
            ToPort: 2000,
            PrefixListIds: [{ PrefixListId: prefixListId }],
          },
          { IpProtocol: 'udp', FromPort: 53, ToPort: 53, UserIdGroupPairs: [{ GroupId: groupId }] },
        ],
      }),
    );

    const { snapshot } = await h.collect(['ec2.securityGroups'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.securityGroups', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const admin = outcome.data.find((g) => g.groupId === groupId);
    expect(admin).toEqual<SecurityGroup>({
      groupId,
      groupName: 'admin',
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:security-group/${groupId}`,
      vpcId: vpc,
      description: 'admin',
      ingress: expect.any(Array) as SecurityGroup['ingress'],
      egress: [
        {
          ipProtocol: '-1',
          ipv4Ranges: ['0.0.0.0/0'],
          ipv6Ranges: [],
          prefixListIds: [],
          referencedGroupIds: [],
        },
      ],
      tags: {},
    });
    expect(admin?.ingress).toEqual(
      expect.arrayContaining([
        {
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipv4Ranges: ['0.0.0.0/0'],
          ipv6Ranges: [],
          prefixListIds: [],
          referencedGroupIds: [],
        },
        {
          ipProtocol: '-1',
          ipv4Ranges: [],
          ipv6Ranges: ['::/0'],
          prefixListIds: [],
          referencedGroupIds: [],
        },
        {
          ipProtocol: 'tcp',
          fromPort: 1000,
          toPort: 2000,
          ipv4Ranges: [],
          ipv6Ranges: [],
          prefixListIds: [prefixListId],
          referencedGroupIds: [],
        },
        {
          ipProtocol: 'udp',
          fromPort: 53,
          toPort: 53,
          ipv4Ranges: [],
          ipv6Ranges: [],
          prefixListIds: [],
          referencedGroupIds: [groupId],
        },
      ]),
    );
    expect(admin?.ingress).toHaveLength(4);
    const defaults = outcome.data.filter((g) => g.vpcId === vpc && g.groupName === 'default');
    expect(defaults).toHaveLength(1);
    // AWS gives a new VPC's default group an inbound rule from itself; moto gives it none.
    expect(defaults[0]?.egress).toEqual([expect.objectContaining({ ipv4Ranges: ['0.0.0.0/0'] })]);
  });
});
