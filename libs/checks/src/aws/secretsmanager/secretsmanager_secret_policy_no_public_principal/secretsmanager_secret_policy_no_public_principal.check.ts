import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './secretsmanager_secret_policy_no_public_principal.metadata';

export const secretsmanagerSecretPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'secret',
    policyName: 'resource policy',
    list: (collected, ctx) => collected.regional('secretsmanager.secrets', ctx.region),
    read: (secret) => secret,
  }),
);
