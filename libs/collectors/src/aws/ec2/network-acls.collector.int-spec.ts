// ec2.networkAcls against moto: a custom ACL's entries (ports, protocols, IPv4 / IPv6, egress),
// its subnet association, and a VPC's default ACL.
import {
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  type CreateNetworkAclEntryCommandInput,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import { type NetworkAclEntry } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.networkAcls (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list each ACL with its entries and associated subnets', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.50.0.0/16');
    const subnet = await seed.subnet(vpc, '10.50.1.0/24');
    const created = await seed.ec2.send(new CreateNetworkAclCommand({ VpcId: vpc }));
    const aclId = created.NetworkAcl?.NetworkAclId ?? '';
    const entries: Omit<CreateNetworkAclEntryCommandInput, 'NetworkAclId'>[] = [
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
        PortRange: { From: 22, To: 22 },
      },
      {
        RuleNumber: 110,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 120,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        Ipv6CidrBlock: '::/0',
        PortRange: { From: 3000, To: 4000 },
      },
      {
        RuleNumber: 100,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '0.0.0.0/0',
      },
    ];
    for (const entry of entries) {
      await seed.ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: aclId, ...entry }));
    }
    const current = await seed.ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: 'association.subnet-id', Values: [subnet] }],
      }),
    );
    const association = current.NetworkAcls?.[0]?.Associations?.find((a) => a.SubnetId === subnet);
    await seed.ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: association?.NetworkAclAssociationId,
        NetworkAclId: aclId,
      }),
    );

    const { snapshot } = await h.collect(['ec2.networkAcls'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.networkAcls', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const acl = outcome.data.find((a) => a.networkAclId === aclId);
    expect(acl).toMatchObject({
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:network-acl/${aclId}`,
      vpcId: vpc,
      isDefault: false,
      subnetIds: [subnet],
      tags: {},
    });
    const byRule = (e: NetworkAclEntry) => `${e.egress ? 'out' : 'in'}-${e.ruleNumber}`;
    const custom = (acl?.entries ?? []).filter((e) => e.ruleNumber < 32767);
    expect(Object.fromEntries(custom.map((e) => [byRule(e), e]))).toEqual({
      'in-100': {
        ruleNumber: 100,
        protocol: '6',
        ruleAction: 'deny',
        egress: false,
        cidrBlock: '0.0.0.0/0',
        portRange: { from: 22, to: 22 },
      },
      'in-110': {
        ruleNumber: 110,
        protocol: '-1',
        ruleAction: 'allow',
        egress: false,
        cidrBlock: '0.0.0.0/0',
      },
      'in-120': {
        ruleNumber: 120,
        protocol: '6',
        ruleAction: 'allow',
        egress: false,
        ipv6CidrBlock: '::/0',
        portRange: { from: 3000, to: 4000 },
      },
      'out-100': {
        ruleNumber: 100,
        protocol: '-1',
        ruleAction: 'allow',
        egress: true,
        cidrBlock: '0.0.0.0/0',
      },
    });
    const defaults = outcome.data.filter((a) => a.vpcId === vpc && a.isDefault);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]?.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ egress: false, ruleAction: 'allow', cidrBlock: '0.0.0.0/0' }),
      ]),
    );
  });
});
