import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './sqs_queue_policy_no_public_principal.metadata';

export const sqsQueuePolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'queue',
    policyName: 'access policy',
    list: (collected, ctx) => collected.regional('sqs.queues', ctx.region),
    read: (queue) => queue,
  }),
);
