import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import {
  ApiKeyCreateDto,
  ApiKeyDto,
  ApiKeyIdParamDto,
  ApiKeyListQueryDto,
  ApiKeyPageDto,
  type ApiKeyView,
  IssuedApiKeyDto,
  type IssuedApiKeyView,
} from './api-keys.dto';
import { type ApiKeyPage, ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Access('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a key',
    description: 'The response carries the key itself, once: only its SHA-256 is stored.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: ApiKeyCreateDto,
  ): Promise<IssuedApiKeyView> {
    return this.keys.create(principal.tenantId, principal.keyId, body);
  }

  @Get()
  @ApiOperation({ summary: 'List the keys (never a secret), oldest first' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ApiKeyListQueryDto,
  ): Promise<ApiKeyPage> {
    return this.keys.list(principal.tenantId, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ApiKeyIdParamDto,
  ): Promise<ApiKeyView> {
    return this.keys.get(principal.tenantId, params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a key',
    description:
      'The key is refused (401) from its next request on. A key may revoke itself; the ' +
      "tenant's last working admin key may not be revoked.",
  })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiConflictResponse({
    description: "It is the tenant's last working admin key",
    ...PROBLEM_RESPONSE,
  })
  revoke(@Tenant() principal: TenantPrincipal, @Param() params: ApiKeyIdParamDto): Promise<void> {
    return this.keys.revoke(principal.tenantId, params.id);
  }
}
