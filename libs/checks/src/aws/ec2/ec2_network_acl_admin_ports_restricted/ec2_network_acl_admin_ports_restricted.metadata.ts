import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_network_acl_admin_ports_restricted',
  title: 'No network ACL allows ingress from the internet to remote administration ports',
  service: 'ec2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2NetworkAcl',
  description:
    'Checks every network ACL of every scanned region for inbound entries through which TCP traffic from 0.0.0.0/0 or ::/0 reaches a remote server administration port (SSH 22 and RDP 3389 by default), evaluating entries in rule-number order as AWS does.',
  risk: 'A network ACL that lets the whole internet reach SSH or RDP removes the subnet-level layer of defence: a single permissive security group then exposes the instances.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeNetworkAcls'],
    pass: 'For every administration port and for each of 0.0.0.0/0 and ::/0, the first inbound entry (lowest rule number) from that whole source that matches TCP to the port is a DENY, or no such entry exists.',
    fail: 'For some administration port, the first inbound entry from 0.0.0.0/0 or ::/0 that matches TCP to the port (protocol -1, or protocol 6 with no port range or a range covering the port) is an ALLOW. An earlier DENY from the same whole source for that port shadows a later ALLOW; entries for narrower CIDR blocks do not. The evidence lists the allowing entries and the ports they open.',
    settings: ['ec2.adminPorts'],
  },
  remediation: {
    text: 'Add inbound DENY entries for TCP 22 and 3389 from 0.0.0.0/0 and ::/0 with rule numbers lower than the ALLOW entries (or narrow the ALLOW entries), and permit administration only from trusted address ranges.',
    cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 50 --protocol 6 --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny',
    cloudformation:
      'AWS::EC2::NetworkAclEntry {Egress: false, Protocol: 6, PortRange: {From: 22, To: 22}, CidrBlock: 0.0.0.0/0, RuleAction: deny, RuleNumber: <below the allow>}',
    terraform:
      'aws_network_acl_rule { egress = false, protocol = "tcp", from_port = 22, to_port = 22, cidr_block = "0.0.0.0/0", rule_action = "deny", rule_number = <below the allow> }',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
  },
  categories: ['internet-exposed', 'network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.2'] },
  requires: ['ec2.networkAcls'],
};
