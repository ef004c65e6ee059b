import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { type Scope } from './api-key';
import { PROBLEM_RESPONSE } from '../http/problem';

/** Who may call a route: the operator (tenant management) or a tenant key with a scope. */
export type AccessRule = 'operator' | Scope;

export const ACCESS_METADATA = 'palisade:access';

/**
 * Every `/v1` route declares its access rule (the guard refuses a route without one, and a test
 * walks every route). Also documents the bearer scheme and the 401/403 problems in OpenAPI.
 */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, rule),
    ApiBearerAuth(rule === 'operator' ? 'operatorKey' : 'tenantKey'),
    ApiUnauthorizedResponse({
      description: 'No key, or a key that is unknown, expired or revoked',
      ...PROBLEM_RESPONSE,
    }),
    ApiForbiddenResponse({
      description: `The key lacks ${rule === 'operator' ? 'operator rights' : `the ${rule} scope`}`,
      ...PROBLEM_RESPONSE,
    }),
  );
}
