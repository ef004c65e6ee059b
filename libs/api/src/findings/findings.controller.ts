import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import {
  type FindingDetail,
  FindingDetailDto,
  FindingHistoryPageDto,
  FindingHistoryQueryDto,
  FindingsPageDto,
  FindingsQueryDto,
  type FindingsPage,
  FindingUidParamDto,
  type HistoryPage,
} from './findings.dto';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('v1/findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'List findings',
    description:
      'Filters combine (AND); a list filter matches any of its values. Keyset pages: ' +
      '`nextCursor` continues the same sort and filters (another sort or other filters with ' +
      'it: 400). `totals` counts the matching findings exactly up to 1,000 (`relation: eq`), ' +
      'then says `gte`; `include=facets` adds exact counts by severity and status.',
  })
  @ApiOkResponse({ type: FindingsPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: FindingsQueryDto,
  ): Promise<FindingsPage> {
    return this.findings.list(principal.tenantId, query);
  }

  @Get(':uid')
  @Access('findings:read')
  @ApiOperation({
    summary: 'One finding, with its OCSF document and history',
    description:
      'The OCSF document is the last observation’s, with the status, activity and times the ' +
      'finding has now (suppression included). History: the newest 100 changes; `history.next` ' +
      'pages through the rest.',
  })
  @ApiOkResponse({ type: FindingDetailDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: FindingUidParamDto,
  ): Promise<FindingDetail> {
    return this.findings.get(principal.tenantId, params.uid);
  }

  @Get(':uid/history')
  @Access('findings:read')
  @ApiOperation({
    summary: 'The status and suppression changes of a finding',
    description: 'Newest first, keyset pages.',
  })
  @ApiOkResponse({ type: FindingHistoryPageDto })
  history(
    @Tenant() principal: TenantPrincipal,
    @Param() params: FindingUidParamDto,
    @Query() query: FindingHistoryQueryDto,
  ): Promise<HistoryPage> {
    return this.findings.history(principal.tenantId, params.uid, query);
  }
}
