import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_security_group_admin_ports_ipv6_restricted',
  title: 'No security group allows ingress from ::/0 to remote administration ports',
  service: 'ec2',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  description:
    'Checks every security group of every scanned region for inbound rules that admit TCP traffic from any IPv6 address (::/0) to a remote server administration port (SSH 22 and RDP 3389 by default).',
  risk: 'SSH and RDP open to the whole IPv6 internet are scanned and brute-forced within minutes; one weak or leaked credential then gives an attacker a shell on the instance.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeSecurityGroups'],
    pass: 'No inbound rule of the group has the source ::/0 with a protocol and port range that admit TCP to an administration port.',
    fail: 'An inbound rule has the source ::/0 and is all traffic (protocol -1), or TCP with no port range, or TCP with a port range covering an administration port; the evidence lists those rules and the ports they open. Rules whose source is a prefix list or another security group are not counted.',
    settings: ['ec2.adminPorts'],
  },
  remediation: {
    text: 'Remove the inbound rules from ::/0 to the administration ports, and reach instances through AWS Systems Manager Session Manager, a VPN, or a rule limited to known address ranges.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]',
    cloudformation:
      'AWS::EC2::SecurityGroup SecurityGroupIngress: use a trusted CidrIpv6 (not ::/0) for ports 22 and 3389',
    terraform:
      'aws_vpc_security_group_ingress_rule: cidr_ipv6 of a trusted range (not ::/0) for ports 22 and 3389',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html',
  },
  categories: ['internet-exposed', 'network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.4'] },
  requires: ['ec2.securityGroups'],
};
