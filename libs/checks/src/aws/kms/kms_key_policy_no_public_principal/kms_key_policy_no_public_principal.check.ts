import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './kms_key_policy_no_public_principal.metadata';

export const kmsKeyPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'KMS key',
    policyName: 'key policy',
    list: (collected, ctx) => collected.regional('kms.keys', ctx.region),
    read: (key) => ({ arn: key.arn, name: key.keyId, policy: key.policy }),
  }),
);
