import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import {
  AccountDto,
  AccountGetQueryDto,
  AccountIdParamDto,
  AccountPageDto,
  type AccountView,
  ListAccountsQueryDto,
} from './accounts.dto';
import { type AccountPage, AccountsService } from './accounts.service';

@ApiTags('accounts')
@Access('findings:read')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'List the inventory',
    description:
      'Every account of the live sources as last discovered, with its OU path, tags, state, ' +
      'last scan and posture. Filters combine (AND).',
  })
  @ApiOkResponse({ type: AccountPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ListAccountsQueryDto,
  ): Promise<AccountPage> {
    return this.accounts.list(principal.tenantId, query);
  }

  @Get(':accountId')
  @ApiOperation({
    summary: 'One account',
    description:
      'An account in several sources is read from the one where it is present and was seen ' +
      'last, unless `sourceId` names one.',
  })
  @ApiOkResponse({ type: AccountDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: AccountIdParamDto,
    @Query() query: AccountGetQueryDto,
  ): Promise<AccountView> {
    return this.accounts.get(principal.tenantId, params.accountId, query.sourceId);
  }
}
