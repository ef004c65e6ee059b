import { Injectable } from '@nestjs/common';
import { type TenantId } from '@palisade/persistence';
import { notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import { loadScanReport } from './scan-report.loader';
import { renderScanReport } from './scan-report.render';

/** The per-scan report: its model read in one tenant transaction, rendered to HTML. */
@Injectable()
export class ReportsService {
  constructor(private readonly db: TenantDb) {}

  /** The report of the tenant's scan; 404 for an id the tenant does not have. */
  async scanReportHtml(tenantId: TenantId, scanId: string): Promise<string> {
    const model = await this.db.run(tenantId, (manager) =>
      loadScanReport(manager, tenantId, scanId),
    );
    if (model === null) throw notFound('scan', scanId);
    return renderScanReport(model);
  }
}
