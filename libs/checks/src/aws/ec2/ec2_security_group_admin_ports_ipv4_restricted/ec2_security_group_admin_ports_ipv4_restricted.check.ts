import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { IPV4_ANYWHERE, describeOpenRule, groupLabel, openIngress } from '../ip-rules';
import { metadata } from './ec2_security_group_admin_ports_ipv4_restricted.metadata';

export const ec2SecurityGroupAdminPortsIpv4Restricted = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const groups = collected.regional('ec2.securityGroups', ctx.region);
  if (!groups.ok) return [];
  const ports = ctx.settings['ec2.adminPorts'];
  return groups.data.map((group) => {
    const open = openIngress(group, ports, [IPV4_ANYWHERE]);
    const evidence = { vpcId: group.vpcId, adminPorts: [...ports] };
    return open.length === 0
      ? results.pass(
          group.arn,
          `Security group ${groupLabel(group)} ${where(ctx)} allows no ingress from 0.0.0.0/0 to ports ${ports.join(', ')}`,
          evidence,
        )
      : results.fail(
          group.arn,
          `Security group ${groupLabel(group)} ${where(ctx)} allows ${open.map(describeOpenRule).join('; ')}, reaching administration ports ${[...new Set(open.flatMap((r) => r.ports))].join(', ')}`,
          { ...evidence, openRules: open },
        );
  });
});
