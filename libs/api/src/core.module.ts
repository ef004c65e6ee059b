import { Global, Module } from '@nestjs/common';
import { ApiKeyStore } from './auth/api-key.store';
import { TenantDb } from './tenancy/tenant-db';

/** What every feature module uses: the tenant transaction and the key store. */
@Global()
@Module({ providers: [TenantDb, ApiKeyStore], exports: [TenantDb, ApiKeyStore] })
export class CoreModule {}
