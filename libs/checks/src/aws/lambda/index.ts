// The lambda checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { lambdaFunctionPolicyNoPublicPrincipal } from './lambda_function_policy_no_public_principal/lambda_function_policy_no_public_principal.check';

export const lambdaChecks: readonly Check[] = [lambdaFunctionPolicyNoPublicPrincipal];
