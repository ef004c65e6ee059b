import { defineCheck } from '../../../framework/check';
import { ok } from '../../../framework/outcome';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './eventbridge_bus_policy_no_public_principal.metadata';

export const eventbridgeBusPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'event bus',
    policyName: 'resource policy',
    list: (collected, ctx) => collected.regional('eventbridge.buses', ctx.region),
    read: (bus) => ({ arn: bus.arn, name: bus.name, policy: ok(bus.policy) }),
  }),
);
