import { type FindingSeverity, type FindingStatus, type OcsfFinding } from '@palisade/findings';

/** The columns of a `findings` row every export format reads. */
export interface FindingRow {
  readonly uid: string;
  readonly kind: 'check' | 'inspector';
  readonly accountId: string;
  /** An AWS region, or `global` for global services. */
  readonly region: string;
  readonly checkId: string | null;
  readonly resourceUid: string;
  readonly resourceType: string;
  readonly title: string;
  readonly severity: FindingSeverity;
  readonly status: FindingStatus;
  /** The last result of a check (null for an Inspector finding). */
  readonly compliance: 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | null;
  readonly errorCode: string | null;
  readonly suppressedBy: string | null;
  readonly sourceSuppressed: boolean;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
  /** When the row last changed. */
  readonly updatedAt: Date;
  readonly scanId: string;
}

/** A row for CSV: the columns plus the few document fields CSV shows (not the whole document). */
export interface CsvFindingRow extends FindingRow {
  readonly description: string | null;
  readonly requirements: readonly string[] | null;
  readonly remediationUrl: string | null;
  readonly vulnerabilityId: string | null;
}

/** A row with its stored OCSF document (the last observation's), for OCSF and ASFF. */
export interface DocumentFindingRow extends FindingRow {
  readonly ocsf: OcsfFinding;
}

/** The SELECT list of {@link FindingRow} (camelCase aliases: rows need no mapping). */
export const FINDING_ROW_COLUMNS = `uid, kind, account_id AS "accountId", region,
  check_id AS "checkId", resource_uid AS "resourceUid", resource_type AS "resourceType", title,
  severity, status, compliance, error_code AS "errorCode", suppressed_by AS "suppressedBy",
  source_suppressed AS "sourceSuppressed", first_seen_at AS "firstSeenAt",
  last_seen_at AS "lastSeenAt", resolved_at AS "resolvedAt", updated_at AS "updatedAt",
  scan_id AS "scanId"`;

/** The document fields of {@link CsvFindingRow}, read in SQL so the document never leaves it. */
export const CSV_EXTRA_COLUMNS = `ocsf #>> '{finding_info,desc}' AS description,
  ocsf #> '{compliance,requirements}' AS requirements,
  ocsf #>> '{remediation,references,0}' AS "remediationUrl",
  COALESCE(ocsf #>> '{vulnerabilities,0,cve,uid}', ocsf #>> '{vulnerabilities,0,cwe,uid}',
           ocsf #>> '{vulnerabilities,0,advisory,uid}') AS "vulnerabilityId"`;

export const DOCUMENT_EXTRA_COLUMNS = 'ocsf';

/** Whether a rule or Inspector itself suppresses the finding. */
export function isSuppressed(row: FindingRow): boolean {
  return row.suppressedBy !== null || row.sourceSuppressed;
}

/** The rule id, or `inspector2` when Inspector suppresses it; null when not suppressed. */
export function suppressedByOf(row: FindingRow): string | null {
  if (row.suppressedBy !== null) return row.suppressedBy;
  return row.sourceSuppressed ? 'inspector2' : null;
}
