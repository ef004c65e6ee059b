import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './sqs_queue_policy_no_public_principal.metadata';

export const sqsQueuePolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const items = collected.regional('sqs.queues', ctx.region);
  if (!items.ok) return [];
  const here = where(ctx);
  return items.data.map((queue) => {
    const what = `the access policy of queue ${queue.name} ${here}`;
    if (!queue.policy.ok) return results.errorOf(queue.arn, queue.policy, what);
    if (queue.policy.data === null) {
      return results.pass(queue.arn, `Queue ${queue.name} ${here} has no access policy`);
    }
    const policy = readPolicy(queue.policy.data);
    if (!policy.ok) return results.errorOf(queue.arn, policy, what);
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        queue.arn,
        `Queue ${queue.name} ${here} has an access policy that allows no one unrestricted access (Principal *)`,
      );
    }
    return results.fail(
      queue.arn,
      `Queue ${queue.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { publicStatements: statementEvidence(open) },
    );
  });
});
