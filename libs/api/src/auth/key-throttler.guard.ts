import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type Request } from 'express';
import { API_PREFIX } from './api-key.guard';
import { type AuthenticatedRequest } from './principal';

/** Rate limits per key (429 with Retry-After); health, metrics and docs are not limited. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as Request & AuthenticatedRequest;
    return Promise.resolve(principal ? `${principal.kind}:${principal.keyId}` : `ip:${ip ?? ''}`);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return Promise.resolve(!request.path.startsWith(`${API_PREFIX}/`));
  }
}
