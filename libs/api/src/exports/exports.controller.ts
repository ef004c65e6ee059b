import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { PROBLEM_RESPONSE } from '../http/problem';
import { CSV_COLUMNS } from './csv';
import { CSV_CONTENT_TYPE, JSON_CONTENT_TYPE, NDJSON_CONTENT_TYPE } from './export-formats';
import { ExportQueryDto } from './exports.dto';
import { ExportsService } from './exports.service';

const CSV_MEDIA = CSV_CONTENT_TYPE.split(';')[0] as string;

@ApiTags('exports')
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('findings')
  @Access('findings:read')
  @ApiOperation({
    summary: 'Export findings as CSV, OCSF JSON Lines or ASFF',
    description:
      'Streams every finding of the tenant matching the filters, from one consistent snapshot, ' +
      'in finding-id order, as a download (`Content-Disposition: attachment`). Memory is ' +
      'bounded whatever the size. CSV columns: ' +
      CSV_COLUMNS.map(([name, what]) => `\`${name}\` (${what})`).join(', ') +
      ". Cells starting with = + - @, tab or CR are prefixed with `'` (spreadsheet formula " +
      'guard). OCSF: one OCSF 1.8.0 Compliance or Vulnerability Finding per line, with its ' +
      'current lifecycle status. ASFF: `{"Findings":[…]}`; send them to Security Hub ' +
      'BatchImportFindings in calls of at most 100.',
  })
  @ApiProduces(CSV_MEDIA, NDJSON_CONTENT_TYPE, JSON_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'The export, streamed',
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="palisade-findings-<UTC time>.<csv|jsonl|asff.json>"',
        schema: { type: 'string' },
      },
    },
    content: {
      [CSV_MEDIA]: {
        schema: { type: 'string' },
        example: `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`,
      },
      [NDJSON_CONTENT_TYPE]: {
        schema: { type: 'string', description: 'One OCSF 1.8.0 finding (JSON) per line' },
      },
      [JSON_CONTENT_TYPE]: {
        schema: {
          type: 'object',
          required: ['Findings'],
          properties: {
            Findings: {
              type: 'array',
              description: 'AwsSecurityFinding documents (ASFF, SchemaVersion 2018-10-08)',
              items: { type: 'object', additionalProperties: true },
            },
          },
        },
      },
    },
  })
  @ApiTooManyRequestsResponse({
    description:
      'The key’s rate limit is reached, or every export slot of this server is busy; retry ' +
      'after `Retry-After` seconds',
    ...PROBLEM_RESPONSE,
  })
  async findings(
    @Tenant() principal: TenantPrincipal,
    @Query() query: ExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.exports.exportFindings(principal, query, response);
  }
}
