import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiConfig, APP_CONFIG } from '@palisade/config';
import { type Request } from 'express';
import { ProblemException } from '../http/problem';
import { ACCESS_METADATA, type AccessRule } from './access.decorator';
import { grants, isOperatorKeyFormat, parseTenantKey, sameDigest, sha256 } from './api-key';
import { ApiKeyStore } from './api-key.store';
import { type AuthenticatedRequest, type Principal } from './principal';

/** Routes of the REST API; everything else (health, metrics, docs) is public. */
export const API_PREFIX = '/v1';

const BEARER = /^Bearer\s+(\S+)$/i;

function unauthorized(detail: string): ProblemException {
  return new ProblemException(HttpStatus.UNAUTHORIZED, 'unauthorized', detail, undefined, {
    'WWW-Authenticate': 'Bearer realm="palisade"',
  });
}

/**
 * Authenticates every `/v1` request by its bearer key and enforces the route's access rule.
 * Fails closed: a `/v1` route that declares no rule is refused (and a test lists every route).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly operatorDigest: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(APP_CONFIG) config: ApiConfig,
  ) {
    const operatorKey = config.api.operatorKey;
    this.operatorDigest = operatorKey ? sha256(operatorKey) : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (!request.path.startsWith(`${API_PREFIX}/`)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === undefined) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'this route declares no access rule',
      );
    }
    const principal = await this.authenticate(request.headers.authorization);
    request.principal = principal;
    if (rule === 'operator') {
      if (principal.kind !== 'operator') throw forbidden('this route needs an operator key');
      return true;
    }
    if (principal.kind !== 'tenant') {
      throw forbidden('an operator key manages tenants; use a tenant key for tenant data');
    }
    if (!grants(principal.scopes, rule)) throw forbidden(`this key lacks the ${rule} scope`);
    await this.keys.touch(principal.tenantId, principal.keyId);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const presented = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (presented === undefined) {
      throw unauthorized('send a key: Authorization: Bearer pal_…');
    }
    if (isOperatorKeyFormat(presented)) {
      if (this.operatorDigest && sameDigest(sha256(presented), this.operatorDigest)) {
        return { kind: 'operator', keyId: 'operator' };
      }
      throw unauthorized('the key is unknown, expired or revoked');
    }
    const parsed = parseTenantKey(presented);
    const stored = parsed ? await this.keys.lookup(parsed.keyId) : null;
    if (
      !parsed ||
      !stored ||
      !sameDigest(parsed.secretSha256, stored.secretSha256) ||
      stored.revokedAt !== null ||
      (stored.expiresAt !== null && stored.expiresAt.getTime() <= Date.now()) ||
      stored.tenantStatus !== 'active'
    ) {
      throw unauthorized('the key is unknown, expired or revoked');
    }
    return {
      kind: 'tenant',
      keyId: parsed.keyId,
      tenantId: stored.tenantId,
      scopes: stored.scopes,
    };
  }
}

function forbidden(detail: string): ProblemException {
  return new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail);
}
