import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { type ApiConfig, APP_CONFIG } from '@palisade/config';
import helmet from 'helmet';
import { AuditInterceptor } from './audit/audit.interceptor';
import { ApiKeyGuard } from './auth/api-key.guard';
import { KeyThrottlerGuard } from './auth/key-throttler.guard';
import { FEATURE_MODULES } from './features';
import { ClientErrorResponder } from './http/client-error';
import { ProblemFilter } from './http/problem.filter';
import { ZodProblemPipe } from './http/zod-pipe';
import { CoreModule } from './core.module';

/**
 * The api service's features: authentication (every `/v1` route), rate limits per key, problem+json
 * errors, validation, the audit log, security headers, and the resources of FEATURE_MODULES.
 * Needs the app's ConfigModule, PersistenceModule and MessagingModule.
 */
@Module({
  imports: [
    CoreModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: ApiConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.api.rateLimitPerMinute }],
      }),
    }),
    ...FEATURE_MODULES,
  ],
  providers: [
    ClientErrorResponder,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useClass: ZodProblemPipe },
  ],
})
export class ApiFeatureModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(helmet()).forRoutes('*path');
  }
}
