// The ec2 checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { ec2DefaultSecurityGroupRestrictsAll } from './ec2_default_security_group_restricts_all/ec2_default_security_group_restricts_all.check';
import { ec2EbsDefaultEncryptionEnabled } from './ec2_ebs_default_encryption_enabled/ec2_ebs_default_encryption_enabled.check';
import { ec2InstanceImdsv2Required } from './ec2_instance_imdsv2_required/ec2_instance_imdsv2_required.check';
import { ec2InstanceProfileAttached } from './ec2_instance_profile_attached/ec2_instance_profile_attached.check';
import { ec2NetworkAclAdminPortsRestricted } from './ec2_network_acl_admin_ports_restricted/ec2_network_acl_admin_ports_restricted.check';
import { ec2SecurityGroupAdminPortsIpv4Restricted } from './ec2_security_group_admin_ports_ipv4_restricted/ec2_security_group_admin_ports_ipv4_restricted.check';
import { ec2SecurityGroupAdminPortsIpv6Restricted } from './ec2_security_group_admin_ports_ipv6_restricted/ec2_security_group_admin_ports_ipv6_restricted.check';
import { ec2SecurityGroupCifsRestricted } from './ec2_security_group_cifs_restricted/ec2_security_group_cifs_restricted.check';

export const ec2Checks: readonly Check[] = [
  ec2InstanceProfileAttached,
  ec2EbsDefaultEncryptionEnabled,
  ec2SecurityGroupCifsRestricted,
  ec2NetworkAclAdminPortsRestricted,
  ec2SecurityGroupAdminPortsIpv4Restricted,
  ec2SecurityGroupAdminPortsIpv6Restricted,
  ec2DefaultSecurityGroupRestrictsAll,
  ec2InstanceImdsv2Required,
];
