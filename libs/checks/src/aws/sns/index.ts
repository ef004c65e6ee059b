// The sns checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { snsTopicPolicyNoPublicPrincipal } from './sns_topic_policy_no_public_principal/sns_topic_policy_no_public_principal.check';

export const snsChecks: readonly Check[] = [snsTopicPolicyNoPublicPrincipal];
