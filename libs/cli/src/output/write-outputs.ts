import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  asffFormat,
  CSV_FORMAT,
  type ExportFormatSpec,
  OCSF_FORMAT,
  renderScanReport,
  type ScanReportModel,
  StreamWriter,
  writeFindingsExport,
} from '@palisade/api';
import { type TenantId } from '@palisade/persistence';
import { type DataSource } from 'typeorm';

/** The files `--output DIR` writes, by what they hold. */
export const OUTPUT_FILES = {
  report: 'report.html',
  csv: 'findings.csv',
  ocsf: 'findings.ocsf.jsonl',
  asff: 'findings.asff.json',
} as const;

export interface WrittenOutput {
  readonly kind: keyof typeof OUTPUT_FILES;
  readonly path: string;
  /** Findings in the file (the report: every finding of its accounts). */
  readonly findings: number;
}

/**
 * Writes the scan's report and the findings of its accounts as CSV, OCSF JSON Lines and ASFF,
 * each through a temporary name renamed at the end (a half-written file never carries the
 * final name). The exports are the api's, from one snapshot each, streamed with bounded memory.
 */
export async function writeOutputs(
  dataSource: DataSource,
  tenantId: TenantId,
  report: ScanReportModel,
  dir: string,
): Promise<WrittenOutput[]> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const accountId = report.accounts.map((account) => account.accountId);
  const written: WrittenOutput[] = [];

  const reportPath = join(target, OUTPUT_FILES.report);
  await writeFile(`${reportPath}.partial`, renderScanReport(report), { mode: 0o600 });
  await rename(`${reportPath}.partial`, reportPath);
  written.push({ kind: 'report', path: reportPath, findings: report.findings.total });

  const exports: [Exclude<WrittenOutput['kind'], 'report'>, ExportFormatSpec<never>][] = [
    ['csv', CSV_FORMAT],
    ['ocsf', OCSF_FORMAT],
    ['asff', asffFormat({})],
  ];
  for (const [kind, format] of exports) {
    const path = join(target, OUTPUT_FILES[kind]);
    const rows =
      accountId.length === 0 ? 0 : await exportTo(dataSource, tenantId, accountId, format, path);
    written.push({ kind, path, findings: rows });
  }
  return written;
}

async function exportTo(
  dataSource: DataSource,
  tenantId: TenantId,
  accountId: string[],
  format: ExportFormatSpec<never>,
  path: string,
): Promise<number> {
  const partial = `${path}.partial`;
  const file = createWriteStream(partial, { mode: 0o600 });
  const opened = new Promise<void>((ok, fail) => {
    file.once('open', () => ok());
    file.once('error', fail);
  });
  await opened;
  const rows = await writeFindingsExport(
    dataSource,
    tenantId,
    { accountId },
    format,
    new StreamWriter(file),
  );
  if (rows === null) throw new Error(`${partial}: the file closed before the export ended`);
  await rename(partial, path);
  return rows;
}
