// The sqs checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { sqsQueuePolicyNoPublicPrincipal } from './sqs_queue_policy_no_public_principal/sqs_queue_policy_no_public_principal.check';

export const sqsChecks: readonly Check[] = [sqsQueuePolicyNoPublicPrincipal];
