import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { SettingsDto, SettingsUpdateDto, type SettingsView } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: "The tenant's check thresholds",
    description: 'The values in force (defaults: CIS AWS Foundations Benchmark) and the overrides.',
  })
  @ApiOkResponse({ type: SettingsDto })
  get(@Tenant() principal: TenantPrincipal): Promise<SettingsView> {
    return this.settings.get(principal.tenantId);
  }

  @Put()
  @Access('admin')
  @ApiOperation({
    summary: "Replace the tenant's check threshold overrides",
    description:
      'Applies from the next scan on. Each override must be a known setting within its range ' +
      '(422 names every refused field).',
  })
  @ApiOkResponse({ type: SettingsDto })
  put(
    @Tenant() principal: TenantPrincipal,
    @Body() body: SettingsUpdateDto,
  ): Promise<SettingsView> {
    return this.settings.put(principal.tenantId, body.checkSettings);
  }
}
