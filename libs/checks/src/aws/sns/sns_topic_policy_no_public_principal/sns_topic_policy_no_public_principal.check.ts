import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './sns_topic_policy_no_public_principal.metadata';

export const snsTopicPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const items = collected.regional('sns.topics', ctx.region);
  if (!items.ok) return [];
  const here = where(ctx);
  return items.data.map((topic) => {
    const what = `the access policy of topic ${topic.name} ${here}`;
    if (!topic.policy.ok) return results.errorOf(topic.arn, topic.policy, what);
    if (topic.policy.data === null) {
      return results.pass(topic.arn, `Topic ${topic.name} ${here} has no access policy`);
    }
    const policy = readPolicy(topic.policy.data);
    if (!policy.ok) return results.errorOf(topic.arn, policy, what);
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        topic.arn,
        `Topic ${topic.name} ${here} has an access policy that allows no one unrestricted access (Principal *)`,
      );
    }
    return results.fail(
      topic.arn,
      `Topic ${topic.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { publicStatements: statementEvidence(open) },
    );
  });
});
