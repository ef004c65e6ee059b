import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { PROBLEM_RESPONSE } from '../http/problem';
import {
  CreateScanDto,
  ListJobsQueryDto,
  ListScansQueryDto,
  RESERVED_KEY_PREFIX,
  ScanDetailDto,
  type ScanDetailView,
  ScanDto,
  ScanIdParamDto,
  ScanJobPageDto,
  type ScanJobView,
  ScanPageDto,
  type ScanView,
} from './scans.dto';
import { IDEMPOTENCY_HEADER, type Page, parseIdempotencyKey, ScansService } from './scans.service';

@ApiTags('scans')
@Controller('v1/scans')
export class ScansController {
  constructor(private readonly scans: ScansService) {}

  @Post()
  @Access('scans:write')
  @ApiOperation({
    summary: 'Start a scan',
    description:
      'Queues a scan of a source (optionally narrowed to accounts or OUs, regions, frameworks ' +
      'or checks). The scan and its `scan.requested` message are written in one transaction. ' +
      'With an `Idempotency-Key`, repeating the request returns the same scan (200) and starts ' +
      'nothing; the same key with another source or selection is refused (422).',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description:
      'Makes the request safe to retry: the tenant’s scan created with this key is returned ' +
      `instead of a new one. 1-255 characters; keys starting with "${RESERVED_KEY_PREFIX}" are ` +
      'the scheduler’s.',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: 'nightly-2026-11-28' },
  })
  @ApiCreatedResponse({
    type: ScanDto,
    description: 'The scan, queued',
    headers: { Location: { description: 'The scan’s URL', schema: { type: 'string' } } },
  })
  @ApiOkResponse({
    type: ScanDto,
    description: 'The Idempotency-Key names an existing scan of the same request: that scan',
  })
  @ApiBadRequestResponse({
    description: 'The body is not JSON, or the Idempotency-Key header is malformed',
    ...PROBLEM_RESPONSE,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'A field of the body is refused (each named in `errors`: an unknown source or check, a ' +
      'bad region…), or the Idempotency-Key was used for another request',
    ...PROBLEM_RESPONSE,
  })
  async create(
    @Tenant() principal: TenantPrincipal,
    @Body() body: CreateScanDto,
    @Headers(IDEMPOTENCY_HEADER.toLowerCase()) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScanView> {
    const key = parseIdempotencyKey(idempotencyKey);
    const { scan, created } = await this.scans.create(principal, body, key);
    if (created) response.setHeader('Location', scan.links.self);
    else response.status(HttpStatus.OK);
    return scan;
  }

  @Get()
  @Access('findings:read')
  @ApiOperation({
    summary: 'List scans',
    description: 'Newest first (by request time); filter by status, source and request time.',
  })
  @ApiOkResponse({ type: ScanPageDto })
  list(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ListScansQueryDto,
  ): Promise<Page<ScanView>> {
    return this.scans.list(principal.tenantId, query);
  }

  @Get(':id')
  @Access('findings:read')
  @ApiOperation({
    summary: 'A scan with its progress',
    description:
      'Status, counts, error, times, the cancel request, job totals by status, and the ' +
      'progress and errors of its first 100 jobs (account jobs by account id, then the ' +
      'organization job); `links.jobs` with `accountsNextCursor` pages through the rest.',
  })
  @ApiOkResponse({ type: ScanDetailDto })
  detail(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ScanIdParamDto,
  ): Promise<ScanDetailView> {
    return this.scans.detail(principal.tenantId, params.id);
  }

  @Get(':id/jobs')
  @Access('findings:read')
  @ApiOperation({
    summary: 'The jobs of a scan',
    description:
      'One job per account (and one organization-level job for an organization source): ' +
      'status, progress, result and errors, by scope then account id.',
  })
  @ApiOkResponse({ type: ScanJobPageDto })
  jobs(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ScanIdParamDto,
    @Query() query: ListJobsQueryDto,
  ): Promise<Page<ScanJobView>> {
    return this.scans.jobs(principal.tenantId, params.id, query);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.ACCEPTED)
  @Access('scans:write')
  @ApiOperation({
    summary: 'Cancel a scan',
    description:
      'Records the cancel request and tells every scanner: running jobs stop at their next ' +
      'check boundary, jobs not started are skipped. From the request on, the scan resolves ' +
      'no finding (its results are still stored). Repeating it returns the scan again.',
  })
  @ApiAcceptedResponse({ type: ScanDto, description: 'The cancel is requested' })
  @ApiConflictResponse({
    description: 'The scan ended (completed, failed or cancelled) before any cancel request',
    ...PROBLEM_RESPONSE,
  })
  cancel(@Tenant() principal: TenantPrincipal, @Param() params: ScanIdParamDto): Promise<ScanView> {
    return this.scans.cancel(principal.tenantId, params.id);
  }
}
