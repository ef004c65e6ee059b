import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Access } from '../auth/access.decorator';
import { Tenant, type TenantPrincipal } from '../auth/principal';
import { REPORT_CSP_HEADER } from './report-assets';
import { ScanReportParamsDto } from './reports.dto';
import { ReportsService } from './reports.service';

/** `GET /v1/scans/{id}/report` (the rest of `/v1/scans` is the scans module's). */
@ApiTags('scans')
@Controller('v1/scans')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/report')
  @Access('findings:read')
  @ApiOperation({
    summary: 'The scan report (HTML)',
    description:
      'A self-contained HTML document to read or forward: the scan summary (status, times, ' +
      'counts, errors), posture by framework, account and OU (score = passed / (passed + ' +
      'failed); manual, error and suppressed results are not scored), failing framework ' +
      'requirements, open findings by severity, daily trends, and the findings table (open ' +
      'first, at most 5,000 rows, filterable in the page). Everything about findings is the ' +
      'current state of the tenant’s findings for the accounts of the scan, as of the request. ' +
      'It loads nothing from the network.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'The report, one HTML document (inline CSS, SVG and script)',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', REPORT_CSP_HEADER)
  @Header('Cache-Control', 'private, no-store')
  async report(
    @Tenant() principal: TenantPrincipal,
    @Param() params: ScanReportParamsDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const body = await this.reports.scanReportHtml(principal.tenantId, params.id);
    response.setHeader('Content-Disposition', `inline; filename="palisade-scan-${params.id}.html"`);
    return body;
  }
}
