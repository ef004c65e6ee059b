import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './eventbridge_bus_policy_no_public_principal.metadata';

export const eventbridgeBusPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const buses = collected.regional('eventbridge.buses', ctx.region);
  if (!buses.ok) return [];
  const here = where(ctx);
  return buses.data.map((bus) => {
    if (bus.policy === null) {
      return results.pass(bus.arn, `Event bus ${bus.name} ${here} has no resource policy`);
    }
    const policy = readPolicy(bus.policy);
    if (!policy.ok) {
      return results.errorOf(
        bus.arn,
        policy,
        `the resource policy of event bus ${bus.name} ${here}`,
      );
    }
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        bus.arn,
        `Event bus ${bus.name} ${here} has a resource policy that allows no one unrestricted access (Principal *)`,
      );
    }
    return results.fail(
      bus.arn,
      `Event bus ${bus.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { publicStatements: statementEvidence(open) },
    );
  });
});
