import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import {
  CreateSuppressionRuleDto,
  ListSuppressionRulesQueryDto,
  SuppressionRuleDto,
  SuppressionRuleIdDto,
  SuppressionRulePageDto,
  UpdateSuppressionRuleDto,
} from './suppression-rules.dto';
import { type SuppressionRulePage, SuppressionRulesService } from './suppression-rules.service';
import { type SuppressionRuleView } from './suppression-rules.dto';

const ANNOUNCED =
  'The change is published on `palisade.rules.changed.v1` when it commits; the normaliser then ' +
  're-applies the rules to the tenant’s findings.';

@ApiTags('suppression-rules')
@Controller('v1/suppression-rules')
export class SuppressionRulesController {
  constructor(private readonly rules: SuppressionRulesService) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary: 'Create a suppression rule',
    description:
      'Findings matching every given criterion are suppressed (status Suppressed, the rule id ' +
      'in `status_detail`) until the rule expires or is deleted. A rule needs at least one ' +
      `criterion and a reason; its author is the calling key. ${ANNOUNCED}`,
  })
  @ApiCreatedResponse({ type: SuppressionRuleDto })
  create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: CreateSuppressionRuleDto,
  ): Promise<SuppressionRuleView> {
    return this.rules.create(principal, body);
  }

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'List suppression rules',
    description: 'Oldest first (the order in which rules win), a page at a time.',
  })
  @ApiOkResponse({ type: SuppressionRulePageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ListSuppressionRulesQueryDto,
  ): Promise<SuppressionRulePage> {
    return this.rules.list(principal, query);
  }

  @Get(':id')
  @Access('findings:read')
  @ApiOperation({ summary: 'Get a suppression rule' })
  @ApiOkResponse({ type: SuppressionRuleDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SuppressionRuleIdDto,
  ): Promise<SuppressionRuleView> {
    return this.rules.get(principal, params.id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({
    summary: 'Change a suppression rule',
    description: `Absent fields keep their value; null clears resourcePattern or expiresAt. ${ANNOUNCED}`,
  })
  @ApiOkResponse({ type: SuppressionRuleDto })
  update(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SuppressionRuleIdDto,
    @Body() body: UpdateSuppressionRuleDto,
  ): Promise<SuppressionRuleView> {
    return this.rules.update(principal, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('admin')
  @ApiOperation({
    summary: 'Delete a suppression rule',
    description: `Findings it suppressed are unsuppressed by the normaliser. ${ANNOUNCED}`,
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SuppressionRuleIdDto,
  ): Promise<void> {
    await this.rules.remove(principal, params.id);
  }
}
