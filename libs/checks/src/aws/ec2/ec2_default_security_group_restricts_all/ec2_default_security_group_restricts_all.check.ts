import { type SecurityGroup } from '../../../collected/ec2';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './ec2_default_security_group_restricts_all.metadata';

/** How many of the interfaces using a group are named in the evidence. */
const LISTED_INTERFACES = 20;

export const ec2DefaultSecurityGroupRestrictsAll = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const groups = collected.regional('ec2.securityGroups', ctx.region);
  const interfaces = collected.regional('ec2.networkInterfaces', ctx.region);
  if (!groups.ok || !interfaces.ok) return [];
  return groups.data
    .filter(
      (g): g is SecurityGroup & { vpcId: string } =>
        g.groupName === 'default' && g.vpcId !== undefined,
    )
    .map((group) => {
      const users = interfaces.data
        .filter((n) => n.groupIds.includes(group.groupId))
        .map((n) => n.networkInterfaceId);
      const label = `Default security group ${group.groupId} of ${group.vpcId} ${where(ctx)}`;
      const evidence = {
        vpcId: group.vpcId,
        networkInterfacesUsingIt: users.length,
        networkInterfaceIds: users.slice(0, LISTED_INTERFACES),
      };
      if (group.ingress.length === 0 && group.egress.length === 0) {
        return results.pass(group.arn, `${label} has no inbound or outbound rules`, evidence);
      }
      return results.fail(
        group.arn,
        `${label} has ${group.ingress.length} inbound and ${group.egress.length} outbound rules (used by ${users.length} network interfaces)`,
        { ...evidence, ingress: group.ingress, egress: group.egress },
      );
    });
});
