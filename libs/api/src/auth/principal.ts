import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type TenantId } from '@palisade/persistence';
import { type Scope } from './api-key';

export type Principal =
  | { readonly kind: 'operator'; readonly keyId: string }
  | {
      readonly kind: 'tenant';
      readonly keyId: string;
      readonly tenantId: TenantId;
      readonly scopes: readonly Scope[];
    };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;

/** The request as the guard leaves it. */
export interface AuthenticatedRequest {
  principal?: Principal;
  /** Set by an operator route that acts on one tenant, for the audit log. */
  auditTenantId?: TenantId;
}

/** The caller of an operator route. */
export const Operator = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'operator') throw new Error('an operator route without an operator');
  return principal;
});

/** The caller of a tenant route: its tenant id is the only one the handler may work on. */
export const Tenant = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'tenant') throw new Error('a tenant route without a tenant key');
  return principal;
});
