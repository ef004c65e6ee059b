import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import {
  ComplianceQueryDto,
  type ComplianceSummary,
  ComplianceSummaryDto,
  FrameworkDetailDto,
  type FrameworkDetailView,
  FrameworkParamDto,
  FrameworkQueryDto,
} from './compliance.dto';
import { ComplianceService } from './compliance.service';

const SCORE =
  'Posture score: 100 × passed / (passed + failed) over the latest result of every counted ' +
  'check finding (resolved ones count only if they now PASS); MANUAL and ERROR are reported ' +
  'apart and left out, suppressed findings are counted apart and left out. A requirement is ' +
  'fail in an account when one of its checks FAILs there, else error, else manual, else pass; ' +
  'an OU pools its accounts and those of its descendants.';

@ApiTags('compliance')
@Controller('v1/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'Compliance by framework, requirement, account and OU',
    description: `Per framework: the posture, the requirements with how many accounts pass, fail, error or await a person, every account and every OU. ${SCORE}`,
  })
  @ApiOkResponse({ type: ComplianceSummaryDto })
  summary(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ComplianceQueryDto,
  ): Promise<ComplianceSummary> {
    return this.compliance.summary(principal.tenantId, query);
  }

  @Get(':framework')
  @Access('findings:read')
  @ApiOperation({
    summary: 'One framework, requirement by requirement',
    description: `Each requirement with its checks, its posture and its status in every account and OU. ${SCORE}`,
  })
  @ApiOkResponse({ type: FrameworkDetailDto })
  framework(
    @Tenant() principal: TenantPrincipal,
    @Param() params: FrameworkParamDto,
    @Query() query: FrameworkQueryDto,
  ): Promise<FrameworkDetailView> {
    return this.compliance.framework(principal.tenantId, params.framework, query);
  }
}
