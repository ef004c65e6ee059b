import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';
import { type AuditLogPage, AuditLogService } from './audit-log.service';

@ApiTags('audit-log')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Access('admin')
  @ApiOperation({
    summary: 'The audit log: every write through the API, newest first',
    description:
      "Each POST, PUT, PATCH and DELETE under /v1 with the tenant's key (or the operator's, for " +
      'its actions on this tenant), accepted or refused, with its status.',
  })
  @ApiOkResponse({ type: AuditLogPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: AuditLogQueryDto,
  ): Promise<AuditLogPage> {
    return this.auditLog.list(principal.tenantId, query);
  }
}
