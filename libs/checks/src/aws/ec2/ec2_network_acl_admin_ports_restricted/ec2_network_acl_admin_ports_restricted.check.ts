import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { describeOpenRule, openAclEntries } from '../ip-rules';
import { metadata } from './ec2_network_acl_admin_ports_restricted.metadata';

export const ec2NetworkAclAdminPortsRestricted = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const acls = collected.regional('ec2.networkAcls', ctx.region);
  if (!acls.ok) return [];
  const ports = ctx.settings['ec2.adminPorts'];
  return acls.data.map((acl) => {
    const open = openAclEntries(acl.entries, ports);
    const label = `Network ACL ${acl.networkAclId}${acl.isDefault ? ' (default)' : ''} of ${acl.vpcId ?? 'no VPC'}`;
    const evidence = { vpcId: acl.vpcId, subnetIds: acl.subnetIds, adminPorts: [...ports] };
    return open.length === 0
      ? results.pass(
          acl.arn,
          `${label} ${where(ctx)} lets no internet traffic reach ports ${ports.join(', ')}`,
          evidence,
        )
      : results.fail(
          acl.arn,
          `${label} ${where(ctx)} allows ${open.map((e) => `rule ${e.ruleNumber} ${describeOpenRule(e)}`).join('; ')}, reaching administration ports ${[...new Set(open.flatMap((e) => e.ports))].join(', ')}`,
          { ...evidence, allowingEntries: open },
        );
  });
});
