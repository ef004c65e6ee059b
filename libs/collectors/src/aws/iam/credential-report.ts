// The IAM credential report (CSV) as typed rows. Columns are found by their header names, so
// AWS adding or moving columns does not break parsing; a report without the columns Palisade
// reads is an error, never an empty list.
import {
  type CredentialReportAccessKey,
  type CredentialReportEntry,
  type IamCredentialReport,
} from '@palisade/checks';

export const ROOT_ROW = '<root_account>';

const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active'] as const;

/** Values the report uses for "nothing to report". */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

/** One CSV line's fields (quoted fields with `""` escapes are understood). */
function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * IAM user names may contain commas and the report does not quote them: a name with k commas
 * spreads the `user` and `arn` columns over 2k extra fields. Joins them back.
 */
function rejoinName(fields: string[], columns: number, header: readonly string[]): string[] {
  const extra = fields.length - columns;
  if (extra === 0) return fields;
  if (extra < 0 || extra % 2 !== 0 || header[0] !== 'user' || header[1] !== 'arn') {
    throw new Error(`a credential report row has ${fields.length} fields, the header ${columns}`);
  }
  const k = extra / 2;
  return [
    fields.slice(0, k + 1).join(','),
    fields.slice(k + 1, 2 * k + 2).join(','),
    ...fields.slice(2 * k + 2),
  ];
}

function textOf(value: string | undefined): string | null {
  return value === undefined || NO_VALUE.has(value.trim()) ? null : value.trim();
}

function dateOf(value: string | undefined): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function boolOf(value: string | undefined): boolean | null {
  const text = textOf(value)?.toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/** Parses the report's CSV text. `generatedAt` is the report's `GeneratedTime`. */
export function parseCredentialReport(
  csv: string,
  generatedAt: string | null,
): IamCredentialReport {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = splitLine(lines[0] ?? '').map((h) => h.trim());
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) throw new Error(`the credential report has no ${column} column`);
  }
  const report: IamCredentialReport = { generatedAt, root: null, users: [] };
  for (const line of lines.slice(1)) {
    const fields = rejoinName(splitLine(line), header.length, header);
    const cell = (column: string): string | undefined => {
      const index = header.indexOf(column);
      return index < 0 ? undefined : fields[index];
    };
    const accessKeys = ([1, 2] as const).map((slot): CredentialReportAccessKey => ({
      slot,
      active: boolOf(cell(`access_key_${slot}_active`)) === true,
      lastRotated: dateOf(cell(`access_key_${slot}_last_rotated`)),
      lastUsed: dateOf(cell(`access_key_${slot}_last_used_date`)),
      lastUsedRegion: textOf(cell(`access_key_${slot}_last_used_region`)),
      lastUsedService: textOf(cell(`access_key_${slot}_last_used_service`)),
    }));
    const entry: CredentialReportEntry = {
      user: cell('user') ?? '',
      arn: cell('arn') ?? '',
      userCreationTime: dateOf(cell('user_creation_time')),
      passwordEnabled: boolOf(cell('password_enabled')),
      passwordLastUsed: dateOf(cell('password_last_used')),
      passwordLastChanged: dateOf(cell('password_last_changed')),
      mfaActive: boolOf(cell('mfa_active')) === true,
      accessKeys,
    };
    if (entry.user === ROOT_ROW) report.root = entry;
    else report.users.push(entry);
  }
  return report;
}
