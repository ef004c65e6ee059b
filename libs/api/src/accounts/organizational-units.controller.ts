import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { PROBLEM_RESPONSE } from '../http/problem';
import { OuTreeDto, OuTreeQueryDto, type OuTreeView } from './accounts.dto';
import { AccountsService } from './accounts.service';

@ApiTags('organizational-units')
@Access('findings:read')
@Controller('v1/organizational-units')
export class OrganizationalUnitsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'The OU tree of each organization source',
    description:
      'Nested `children` from the root, by name, each with its present accounts directly in it ' +
      'and beneath it, as discovery last walked the organization.',
  })
  @ApiOkResponse({ type: OuTreeDto })
  @ApiNotFoundResponse({
    description: '`sourceId` names no organization source of this tenant',
    ...PROBLEM_RESPONSE,
  })
  tree(@Tenant() principal: TenantPrincipal, @Query() query: OuTreeQueryDto): Promise<OuTreeView> {
    return this.accounts.tree(principal.tenantId, query.sourceId);
  }
}
