import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { parseTenantId, type TenantId } from '@palisade/persistence';
import { type Response } from 'express';
import { Access } from '../auth/access.decorator';
import { type AuthenticatedRequest } from '../auth/principal';
import { PROBLEM_RESPONSE, ProblemException } from '../http/problem';
import {
  CreatedTenantDto,
  type CreatedTenantView,
  DeletedTenantDto,
  type DeletedTenantView,
  OffboardedTenantDto,
  type OffboardedTenantView,
  TenantCreateDto,
  TenantDto,
  TenantIdParamDto,
  TenantListQueryDto,
  TenantPageDto,
  TenantUpdateDto,
  type TenantView,
} from './tenants.dto';
import { type ExportSink, type TenantPage, TenantsService } from './tenants.service';

const NDJSON = 'application/x-ndjson';

/** The reader of an export went away: stop reading the database. */
class ReaderGone extends Error {}

/** Streams to the HTTP response, waiting for `drain` when its buffer is full. */
function responseSink(response: Response): ExportSink {
  return {
    begin(tenant) {
      const day = new Date().toISOString().slice(0, 10);
      response.status(200);
      response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="palisade-tenant-${tenant.slug}-${day}.jsonl"`,
      );
      response.setHeader('Cache-Control', 'no-store');
      response.flushHeaders();
    },
    write(chunk) {
      if (response.destroyed) return Promise.reject(new ReaderGone());
      if (response.write(chunk)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = (error?: Error): void => {
          response.off('drain', onDrain);
          response.off('close', onClose);
          if (error) reject(error);
          else resolve();
        };
        const onDrain = (): void => done();
        const onClose = (): void => done(new ReaderGone());
        response.on('drain', onDrain);
        response.on('close', onClose);
      });
    },
  };
}

@ApiTags('tenants')
@Access('operator')
@Controller('v1/tenants')
export class TenantsController {
  private readonly logger = new Logger('tenants');

  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a tenant and its first admin key',
    description: 'The key is in the response only: hand it to the tenant.',
  })
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiConflictResponse({ description: 'The slug is taken', ...PROBLEM_RESPONSE })
  async create(
    @Req() request: AuthenticatedRequest,
    @Body() body: TenantCreateDto,
  ): Promise<CreatedTenantView> {
    const created = await this.tenants.create(body);
    request.auditTenantId = parseTenantId(created.id);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'List the tenants, oldest first' })
  @ApiOkResponse({ type: TenantPageDto })
  list(@Query() query: TenantListQueryDto): Promise<TenantPage> {
    return this.tenants.list(query.limit, query.cursor, query.status);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One tenant' })
  @ApiOkResponse({ type: TenantDto })
  get(@Param() params: TenantIdParamDto): Promise<TenantView> {
    return this.tenants.get(parseTenantId(params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiConflictResponse({ description: 'The tenant is deleted', ...PROBLEM_RESPONSE })
  rename(
    @Req() request: AuthenticatedRequest,
    @Param() params: TenantIdParamDto,
    @Body() body: TenantUpdateDto,
  ): Promise<TenantView> {
    return this.actOn(request, params.id, (id) => this.tenants.rename(id, body.name));
  }

  @Post(':id/offboard')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Offboard a tenant: stop it, keeping its data for export',
    description:
      'Status `offboarding`: its keys are refused from now on, its schedules are disabled, its ' +
      'queued and running scans are cancelled. Then export its data, then delete it.',
  })
  @ApiOkResponse({ type: OffboardedTenantDto })
  @ApiConflictResponse({ description: 'The tenant is deleted', ...PROBLEM_RESPONSE })
  offboard(
    @Req() request: AuthenticatedRequest,
    @Param() params: TenantIdParamDto,
  ): Promise<OffboardedTenantView> {
    return this.actOn(request, params.id, (id) => this.tenants.offboard(id));
  }

  @Get(':id/export')
  @ApiProduces(NDJSON)
  @ApiOperation({
    summary: "Export all of a tenant's data as JSON Lines",
    description:
      'One line per row, `{"table": "<table>", "row": {…}}`, every table of the tenant, parents ' +
      'before children, from one consistent snapshot; secrets (key hashes, webhook secrets) are ' +
      'left out. Streamed: a response cut short (no final newline, connection reset) is incomplete.',
  })
  @ApiOkResponse({
    description: 'The rows, as JSON Lines',
    content: {
      [NDJSON]: {
        schema: {
          type: 'string',
          description: 'Lines of {"table": string, "row": object}',
        },
      },
    },
  })
  async export(@Param() params: TenantIdParamDto, @Res() response: Response): Promise<void> {
    const id = parseTenantId(params.id);
    try {
      await this.tenants.export(id, responseSink(response));
      response.end();
    } catch (error) {
      if (!response.headersSent) throw error;
      if (!(error instanceof ReaderGone)) {
        this.logger.error({ err: error, tenantId: id }, 'tenant export failed midway');
      }
      response.destroy();
    }
  }

  @Delete(':id')
  @ApiOperation({
    summary: "Delete an offboarded tenant's data",
    description:
      'Only once the tenant is `offboarding`. Deletes every row of the tenant in one ' +
      'transaction, its keys included; the tenant remains as a `deleted` tombstone with one ' +
      'audit row recording the deletion.',
  })
  @ApiOkResponse({ type: DeletedTenantDto })
  @ApiConflictResponse({
    description: 'The tenant is not offboarding (offboard it first), or already deleted',
    ...PROBLEM_RESPONSE,
  })
  delete(
    @Req() request: AuthenticatedRequest,
    @Param() params: TenantIdParamDto,
  ): Promise<DeletedTenantView> {
    return this.actOn(request, params.id, (id) => this.tenants.delete(id));
  }

  /**
   * Runs an operator write on one tenant with the audit row going to that tenant — unless it
   * does not exist (404): an audit row must not name a tenant that is not there.
   */
  private async actOn<T>(
    request: AuthenticatedRequest,
    rawId: string,
    work: (id: TenantId) => Promise<T>,
  ): Promise<T> {
    const id = parseTenantId(rawId);
    request.auditTenantId = id;
    try {
      return await work(id);
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 404) {
        delete request.auditTenantId;
      }
      throw error;
    }
  }
}
