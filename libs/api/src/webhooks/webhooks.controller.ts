import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { PROBLEM_RESPONSE } from '../http/problem';
import {
  CreateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryParamsDto,
  WebhookEventCatalogueDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhooksQueryDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookIdParamsDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './webhooks.dto';
import { MAX_WEBHOOKS_PER_TENANT, WebhooksService } from './webhooks.service';

const NO_KEY = {
  description: 'WEBHOOK_ENCRYPTION_KEY is not configured: secrets cannot be stored',
  ...PROBLEM_RESPONSE,
};
const DISABLED = { description: 'The webhook is disabled', ...PROBLEM_RESPONSE };

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('events')
  @Access('findings:read')
  @ApiOperation({
    summary: 'The event catalogue',
    description:
      'Every event type a webhook can receive, with its JSON Schema and an example body. Every ' +
      'body is `{ id, type, schemaVersion, occurredAt, tenantId, data }`.',
  })
  @ApiOkResponse({ type: WebhookEventCatalogueDto })
  events(): WebhookEventCatalogueDto {
    return this.webhooks.catalogue();
  }

  @Post()
  @Access('admin')
  @ApiOperation({
    summary: 'Create a webhook',
    description:
      'The response carries the signing secret, shown only here. The URL must be https and ' +
      'resolve only to public addresses.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiConflictResponse({
    description: `The tenant already has ${MAX_WEBHOOKS_PER_TENANT} webhooks`,
    ...PROBLEM_RESPONSE,
  })
  @ApiServiceUnavailableResponse(NO_KEY)
  create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(principal.tenantId, body);
  }

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'List webhooks (newest first)' })
  @ApiOkResponse({ type: WebhookPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ListWebhooksQueryDto,
  ): Promise<WebhookPageDto> {
    return this.webhooks.list(principal.tenantId, query);
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ summary: 'A webhook (never its secret)' })
  @ApiOkResponse({ type: WebhookDto })
  get(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
  ): Promise<WebhookDto> {
    return this.webhooks.get(principal.tenantId, params.id);
  }

  @Patch(':id')
  @Access('admin')
  @ApiOperation({
    summary: 'Change a webhook',
    description: 'A new URL is checked like on creation; pending deliveries go to the new URL.',
  })
  @ApiOkResponse({ type: WebhookDto })
  update(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
    @Body() body: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(principal.tenantId, params.id, body);
  }

  @Delete(':id')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
  ): Promise<void> {
    await this.webhooks.remove(principal.tenantId, params.id);
  }

  @Post(':id/rotate-secret')
  @Access('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace the signing secret',
    description: 'The new secret is shown once; the old one stops signing immediately.',
  })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  @ApiServiceUnavailableResponse(NO_KEY)
  rotateSecret(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(principal.tenantId, params.id);
  }

  @Get(':id/deliveries')
  @Access('admin')
  @ApiOperation({
    summary: 'The delivery log (newest first)',
    description: 'Each delivery with its status, attempts, last HTTP status and error.',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  deliveries(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(principal.tenantId, params.id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @Access('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description:
      'Queues it now (status pending). Attempts keep counting: once the maximum is reached, a ' +
      'failed redelivery is final again.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse(DISABLED)
  redeliver(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookDeliveryParamsDto,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(principal.tenantId, params.id, params.deliveryId);
  }

  @Post(':id/ping')
  @Access('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Queue a ping event',
    description: 'A `ping` event to this webhook, whatever it subscribes to.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiConflictResponse(DISABLED)
  ping(
    @Tenant() principal: TenantPrincipal,
    @Param() params: WebhookIdParamsDto,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.ping(principal.tenantId, params.id);
  }
}
