import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { PROBLEM_RESPONSE } from '../http/problem';
import { ConnectionTestService } from './connection-test.service';
import {
  ConnectionTestDto,
  type ConnectionTestView,
  CreateSourceDto,
  OnboardingDto,
  type OnboardingView,
  SourceDetailDto,
  type SourceDetailView,
  SourceIdParamDto,
  SourceListQueryDto,
  SourcePageDto,
  UpdateSourceDto,
} from './sources.dto';
import { type SourcePage, SourcesService } from './sources.service';

const NAME_TAKEN = {
  description: 'A live source of this tenant has that name',
  ...PROBLEM_RESPONSE,
};

@ApiTags('sources')
@Controller('v1/sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly connections: ConnectionTestService,
  ) {}

  @Post()
  @Access('admin')
  @ApiOperation({
    summary: 'Add a source',
    description:
      'An AWS Organization or a list of accounts. A body carrying an ExternalId anywhere is ' +
      'refused (422): Palisade generates it. The response carries the ExternalId and the ' +
      'onboarding material (templates, parameters, trust policy) to deploy the roles.',
  })
  @ApiCreatedResponse({ type: SourceDetailDto })
  @ApiConflictResponse(NAME_TAKEN)
  create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: CreateSourceDto,
  ): Promise<SourceDetailView> {
    return this.sources.create(principal.tenantId, body);
  }

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'List the sources',
    description: 'Live sources by name; `GET /v1/sources/{id}` adds the onboarding material.',
  })
  @ApiOkResponse({ type: SourcePageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: SourceListQueryDto,
  ): Promise<SourcePage> {
    return this.sources.list(principal.tenantId, query);
  }

  @Get(':id')
  @Access('findings:read')
  @ApiOperation({ summary: 'One source, with its onboarding material' })
  @ApiOkResponse({ type: SourceDetailDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SourceIdParamDto,
  ): Promise<SourceDetailView> {
    return this.sources.get(principal.tenantId, params.id);
  }

  @Get(':id/onboarding')
  @Access('findings:read')
  @ApiOperation({
    summary: 'The onboarding material of a source',
    description:
      'What to deploy so Palisade can scan the source: the ExternalId, the trust policy the ' +
      'roles need, deploy/aws/member-role.yaml and (organization sources) ' +
      'deploy/aws/org-stackset.yaml with their parameters filled in.',
  })
  @ApiOkResponse({ type: OnboardingDto })
  onboarding(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SourceIdParamDto,
  ): Promise<OnboardingView> {
    return this.sources.onboarding(principal.tenantId, params.id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({
    summary: 'Change a source',
    description:
      'Name, config (the whole config of the source’s kind) and preflight. The kind cannot ' +
      'change; an ExternalId is refused (422).',
  })
  @ApiOkResponse({ type: SourceDetailDto })
  @ApiConflictResponse(NAME_TAKEN)
  update(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SourceIdParamDto,
    @Body() body: UpdateSourceDto,
  ): Promise<SourceDetailView> {
    return this.sources.update(principal.tenantId, params.id, body);
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a source',
    description:
      'The source stops being scanned and its schedules are deleted; its inventory, scans and ' +
      'findings stay readable. Its name becomes free again.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@Tenant() principal: TenantPrincipal, @Param() params: SourceIdParamDto): Promise<void> {
    return this.sources.remove(principal.tenantId, params.id);
  }

  @Post(':id/test-connection')
  @Access('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test the source’s roles now',
    description:
      'Runs the preflight of a scan: assumes each role with the tenant’s ExternalId (through ' +
      'the source’s hub role, if any) and calls sts:GetCallerIdentity, plus ' +
      'organizations:DescribeOrganization with the management role. `accounts` sources: every ' +
      'listed account; `organization` sources: the management role and up to 100 ACTIVE ' +
      'accounts of the inventory. AWS refusals are results with a code, not errors.',
  })
  @ApiOkResponse({ type: ConnectionTestDto })
  testConnection(
    @Tenant() principal: TenantPrincipal,
    @Param() params: SourceIdParamDto,
  ): Promise<ConnectionTestView> {
    return this.connections.test(principal.tenantId, params.id);
  }
}
