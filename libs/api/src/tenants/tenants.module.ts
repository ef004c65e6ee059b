import { Module } from '@nestjs/common';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

/** `/v1/tenants`: tenant management and offboarding, for the operator key only. */
@Module({ controllers: [TenantsController], providers: [TenantsService] })
export class TenantsModule {}
