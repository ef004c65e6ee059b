import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_security_group_cifs_restricted',
  title: 'No security group allows ingress from the internet to CIFS / SMB ports',
  service: 'ec2',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  description:
    'Checks every security group of every scanned region for inbound rules that admit TCP traffic from any IPv4 (0.0.0.0/0) or IPv6 (::/0) address to the CIFS / SMB ports (445 and NetBIOS session 139 by default).',
  risk: 'File sharing reachable from the internet exposes shares to enumeration, credential attacks and wormable SMB vulnerabilities; CIFS belongs to trusted networks only.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeSecurityGroups'],
    pass: 'No inbound rule of the group has the source 0.0.0.0/0 or ::/0 with a protocol and port range that admit TCP to a CIFS port.',
    fail: 'An inbound rule has the source 0.0.0.0/0 or ::/0 and is all traffic (protocol -1), or TCP with no port range, or TCP with a port range covering a CIFS port; the evidence lists those rules and the ports they open. Rules whose source is a prefix list or another security group are trusted networks and not counted.',
    settings: ['ec2.cifsPorts'],
  },
  remediation: {
    text: 'Remove the inbound rules from 0.0.0.0/0 and ::/0 to the CIFS ports; allow them only from the trusted networks (CIDR ranges, prefix lists or security groups) that need the shares.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]',
    cloudformation:
      'AWS::EC2::SecurityGroup SecurityGroupIngress: ports 445 and 139 only from a trusted CidrIp, SourcePrefixListId or SourceSecurityGroupId',
    terraform:
      'aws_vpc_security_group_ingress_rule: ports 445 and 139 only from a trusted cidr_ipv4, prefix_list_id or referenced_security_group_id',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html',
  },
  categories: ['internet-exposed', 'network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.1.2'] },
  requires: ['ec2.securityGroups'],
};
