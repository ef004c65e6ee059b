import { applyLifecycle, type LifecycleFields } from '@palisade/findings';
import { type AsffOptions, toAsffFinding } from './asff';
import { csvHeader, csvRecord } from './csv';
import {
  CSV_EXTRA_COLUMNS,
  type CsvFindingRow,
  DOCUMENT_EXTRA_COLUMNS,
  type DocumentFindingRow,
  FINDING_ROW_COLUMNS,
  type FindingRow,
} from './export-row';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
export const JSON_CONTENT_TYPE = 'application/json';

/** How one format reads rows and writes them: what precedes, each record, what follows. */
export interface ExportFormatSpec<R> {
  readonly contentType: string;
  /** The file name's extension. */
  readonly extension: string;
  /** The SELECT list. */
  readonly columns: string;
  readonly prologue: string;
  /** The `index`-th record (from 0), with its separator. */
  record(row: R, index: number): string;
  readonly epilogue: string;
}

export const CSV_FORMAT: ExportFormatSpec<CsvFindingRow> = {
  contentType: CSV_CONTENT_TYPE,
  extension: 'csv',
  columns: `${FINDING_ROW_COLUMNS}, ${CSV_EXTRA_COLUMNS}`,
  prologue: csvHeader(),
  record: (row) => csvRecord(row),
  epilogue: '',
};

export function lifecycleOf(row: FindingRow): LifecycleFields {
  return {
    status: row.status,
    suppressedBy: row.suppressedBy,
    sourceSuppressed: row.sourceSuppressed,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    resolvedAt: row.resolvedAt,
  };
}

/** One OCSF document per line: the stored document with the row's lifecycle overlaid. */
export const OCSF_FORMAT: ExportFormatSpec<DocumentFindingRow> = {
  contentType: NDJSON_CONTENT_TYPE,
  extension: 'jsonl',
  columns: `${FINDING_ROW_COLUMNS}, ${DOCUMENT_EXTRA_COLUMNS}`,
  prologue: '',
  record: (row) => `${JSON.stringify(applyLifecycle(row.ocsf, lifecycleOf(row)))}\n`,
  epilogue: '',
};

/** `{"Findings":[…]}`, one finding per line. */
export function asffFormat(options: AsffOptions): ExportFormatSpec<DocumentFindingRow> {
  return {
    contentType: JSON_CONTENT_TYPE,
    extension: 'asff.json',
    columns: `${FINDING_ROW_COLUMNS}, ${DOCUMENT_EXTRA_COLUMNS}`,
    prologue: '{"Findings":[\n',
    record: (row, index) =>
      `${index === 0 ? '' : ',\n'}${JSON.stringify(toAsffFinding(row, options))}`,
    epilogue: '\n]}\n',
  };
}

/** `palisade-findings-20300301T100000Z.csv`. */
export function exportFileName(extension: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `palisade-findings-${stamp}.${extension}`;
}
