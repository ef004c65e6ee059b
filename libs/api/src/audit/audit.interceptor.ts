import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { TenantTransactions } from '@palisade/persistence';
import { type Request } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { API_PREFIX } from '../auth/api-key.guard';
import { type AuthenticatedRequest } from '../auth/principal';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 500;
}

/**
 * Writes one `audit_log` row per authenticated write under `/v1` — accepted or refused — with
 * the key that made it, in the tenant it concerns (`request.auditTenantId` for operator routes).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('audit');

  constructor(private readonly transactions: TenantTransactions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (!WRITES.has(request.method) || !request.path.startsWith(`${API_PREFIX}/`)) {
      return next.handle();
    }
    const handler = context.getHandler();
    const success =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap((result: unknown) => from(this.record(request, success, result).then(() => result))),
      catchError((error: unknown) =>
        from(
          this.record(request, statusOf(error), undefined).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }

  private async record(
    request: Request & AuthenticatedRequest,
    statusCode: number,
    result: unknown,
  ): Promise<void> {
    const principal = request.principal;
    if (!principal) return;
    const tenantId =
      request.auditTenantId ?? (principal.kind === 'tenant' ? principal.tenantId : undefined);
    if (!tenantId) return;
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const resourceType = route.split('/')[2] ?? null;
    const params = request.params as Record<string, string | undefined>;
    const resultId = (result as { id?: unknown } | undefined)?.id;
    const resourceId = params['id'] ?? (typeof resultId === 'string' ? resultId : null);
    try {
      await this.transactions.withTenant(tenantId, (manager) =>
        manager.query(
          `INSERT INTO public.audit_log
             (tenant_id, actor_kind, actor_key_id, action, method, path, resource_type, resource_id, status_code, request_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            tenantId,
            principal.kind,
            principal.keyId,
            `${request.method} ${route}`,
            request.method,
            request.path,
            resourceType,
            resourceId,
            statusCode,
            (request as { id?: unknown }).id === undefined
              ? null
              : String((request as { id?: unknown }).id),
          ],
        ),
      );
    } catch (error) {
      // The tenant may be gone (offboarded): the write itself is done; say so in the logs.
      this.logger.warn({ err: error, tenantId, path: request.path }, 'audit row not written');
    }
  }
}
