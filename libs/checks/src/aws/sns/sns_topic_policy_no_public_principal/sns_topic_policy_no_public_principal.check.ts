import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './sns_topic_policy_no_public_principal.metadata';

export const snsTopicPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'topic',
    policyName: 'access policy',
    list: (collected, ctx) => collected.regional('sns.topics', ctx.region),
    read: (topic) => topic,
  }),
);
