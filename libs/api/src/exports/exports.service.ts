import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { type ApiConfig, APP_CONFIG } from '@palisade/config';
import { type TenantId, TenantScope } from '@palisade/persistence';
import { type Response } from 'express';
import { DataSource } from 'typeorm';
import { type TenantPrincipal } from '../auth/principal';
import { ProblemException } from '../http/problem';
import {
  asffFormat,
  CSV_FORMAT,
  exportFileName,
  type ExportFormatSpec,
  OCSF_FORMAT,
} from './export-formats';
import { exportStatement } from './export-query';
import { type ExportFilter, type ExportQuery } from './exports.dto';
import { StreamWriter } from './stream-writer';

/** Rows per FETCH: a batch is the most the process holds at once. */
export const EXPORT_BATCH_SIZE = 1_000;
const CURSOR = 'palisade_export';
/** Seconds a client is told to wait when every export slot is taken. */
const BUSY_RETRY_AFTER = '5';

/**
 * Streams a tenant's findings with bounded memory: one REPEATABLE READ, READ ONLY transaction
 * (one snapshot: a finding changing mid-export appears once, as it was when the export began)
 * with the tenant set for row-level security, a server-side cursor read in batches of
 * {@link EXPORT_BATCH_SIZE}, and the response written with backpressure. A client that goes
 * away stops the reading; an error after the first byte cuts the response (the client sees an
 * incomplete transfer, never a truncated file that looks whole).
 *
 * An export holds a database connection while it runs, so at most half the pool's connections
 * export at once; beyond that the request is refused with 429 and Retry-After.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger('exports');
  private readonly maxRunning: number;
  private running = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ApiConfig,
  ) {
    this.maxRunning = Math.max(1, Math.floor(config.database.poolSize / 2));
  }

  async exportFindings(
    principal: TenantPrincipal,
    query: ExportQuery,
    response: Response,
  ): Promise<void> {
    if (this.running >= this.maxRunning) {
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'export-busy',
        'every export slot of this server is taken; retry after Retry-After seconds',
        undefined,
        { 'Retry-After': BUSY_RETRY_AFTER },
      );
    }
    this.running += 1;
    try {
      switch (query.format) {
        case 'csv':
          return await this.stream(principal, query, CSV_FORMAT, response);
        case 'ocsf':
          return await this.stream(principal, query, OCSF_FORMAT, response);
        case 'asff':
          return await this.stream(
            principal,
            query,
            asffFormat({
              productAccountId: query.productAccountId,
              productRegion: query.productRegion,
            }),
            response,
          );
      }
    } finally {
      this.running -= 1;
    }
  }

  private async stream<R>(
    principal: TenantPrincipal,
    query: ExportQuery,
    format: ExportFormatSpec<R>,
    response: Response,
  ): Promise<void> {
    const tenantId = principal.tenantId;
    const writer = new StreamWriter(response);
    try {
      const written = await writeFindingsExport(this.dataSource, tenantId, query, format, writer, {
        onOpen: () => {
          response.status(200);
          response.setHeader('Content-Type', format.contentType);
          response.setHeader(
            'Content-Disposition',
            `attachment; filename="${exportFileName(format.extension, new Date())}"`,
          );
          response.setHeader('Cache-Control', 'no-store');
        },
      });
      if (written === null) {
        this.logger.log({ tenantId }, 'export stopped: the client went away');
      }
    } catch (error) {
      if (!response.headersSent) {
        response.removeHeader('Content-Disposition');
        throw error;
      }
      this.logger.error({ err: error, tenantId }, 'export failed mid-stream; the response is cut');
      response.destroy();
    }
  }
}

/**
 * Writes the tenant's findings matching `filter` in `format` to `writer` — from one read-only
 * snapshot (a finding changing mid-export appears once, as it was when the export began) and
 * a server-side cursor, so memory stays bounded whatever the size. `onOpen` runs once the
 * cursor is declared, before the first byte. Resolves to the rows written, or null when the
 * writer's stream went away first. The api streams to a response, the CLI to a file.
 */
export async function writeFindingsExport<R>(
  dataSource: DataSource,
  tenantId: TenantId,
  filter: ExportFilter,
  format: ExportFormatSpec<R>,
  writer: StreamWriter,
  options: { readonly onOpen?: () => void } = {},
): Promise<number | null> {
  const statement = exportStatement(tenantId, filter, format.columns);
  const written = await dataSource.transaction('REPEATABLE READ', async (manager) => {
    // Before any query: the snapshot is read-only from its first statement.
    await manager.query('SET TRANSACTION READ ONLY');
    await TenantScope.open(manager, tenantId);
    await manager.query(
      `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${statement.sql}`,
      statement.params,
    );
    options.onOpen?.();
    writer.push(format.prologue);
    let index = 0;
    for (;;) {
      const rows = await manager.query<R[]>(`FETCH ${EXPORT_BATCH_SIZE} FROM ${CURSOR}`);
      for (const row of rows) {
        if (writer.push(format.record(row, index))) await writer.flush();
        index += 1;
      }
      await writer.flush();
      if (rows.length < EXPORT_BATCH_SIZE || writer.closed) break;
    }
    return index;
  });
  // Every row is read: the snapshot and its connection are released before the reader has
  // taken the last bytes.
  if (writer.closed) return null;
  writer.push(format.epilogue);
  await writer.end();
  return written;
}
