// Findings as CSV (RFC 4180): CRLF line ends, a header row, fields quoted when they hold a
// comma, a quote, CR or LF (quotes doubled). Cells a spreadsheet would read as a formula are
// prefixed with `'` (OWASP's CSV injection advice): finding text comes from scanned resources,
// which an attacker may name.
import { type CsvFindingRow, isSuppressed, suppressedByOf } from './export-row';

/** The columns, in order, with what each holds (docs/api.md repeats this table). */
export const CSV_COLUMNS = [
  ['finding_uid', 'Palisade finding id (64 hex characters)'],
  ['kind', 'check or inspector'],
  ['account_id', 'AWS account id'],
  ['region', 'Region, or global'],
  ['check_id', 'Check id (empty for Inspector findings)'],
  ['title', 'Check title or Inspector finding title'],
  ['severity', 'unknown, informational, low, medium, high or critical'],
  ['status', 'new, in_progress, resolved, compliant, manual or error'],
  ['compliance', 'Last check result: PASS, FAIL, MANUAL or ERROR (empty for Inspector)'],
  ['suppressed', 'true or false'],
  ['suppressed_by', 'Suppression rule id, or inspector2'],
  ['resource_type', 'Resource type, e.g. AwsS3Bucket'],
  ['resource_uid', 'Resource id (an ARN where there is one)'],
  ['description', 'What was found'],
  ['requirements', 'Framework requirements, `; `-separated (e.g. cis-aws-foundations-v7.0.0 2.5)'],
  ['remediation_url', 'Where the fix is documented'],
  ['vulnerability_id', 'CVE, CWE or advisory id of an Inspector finding'],
  ['error_code', 'Error code of an ERROR result'],
  ['first_seen_at', 'ISO 8601 UTC'],
  ['last_seen_at', 'ISO 8601 UTC'],
  ['resolved_at', 'ISO 8601 UTC, empty while open'],
  ['scan_id', 'The scan that last observed it'],
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
/** Leading characters a spreadsheet evaluates: = + - @, and tab / CR that hide one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula guard first, then RFC 4180 quoting. null and undefined are empty. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvLine(CSV_COLUMNS.map(([name]) => name));
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A finding row as one CSV record, in the order of {@link CSV_COLUMNS}. */
export function csvRecord(row: CsvFindingRow): string {
  return csvLine([
    row.uid,
    row.kind,
    row.accountId,
    row.region,
    row.checkId,
    row.title,
    row.severity,
    row.status,
    row.compliance,
    isSuppressed(row) ? 'true' : 'false',
    suppressedByOf(row),
    row.resourceType,
    row.resourceUid,
    row.description,
    Array.isArray(row.requirements) ? row.requirements.join('; ') : null,
    row.remediationUrl,
    row.vulnerabilityId,
    row.errorCode,
    iso(row.firstSeenAt),
    iso(row.lastSeenAt),
    iso(row.resolvedAt),
    row.scanId,
  ]);
}
