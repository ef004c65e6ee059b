// Unit-test support for the report (excluded from the build: `**/test/**`): a catalogue whose
// framework membership a test can reason about, and builders of the loader's rows.
import { type CheckStatus } from '@palisade/contracts';
import { type FindingStatus } from '@palisade/findings';
import {
  buildScanReport,
  type FindingCountRow,
  type JobRow,
  type ReportCatalogue,
  type ScanReportInput,
} from '../scan-report.fold';
import { type FindingRow, type ScanReportModel, type ScanReportScan } from '../scan-report.model';

export const ACC_1 = '111111111111';
export const ACC_2 = '222222222222';
export const ACC_3 = '333333333333';

const requirement = (id: string, title: string) => ({
  id,
  title,
  profile: 'Level 1',
  cisAssessment: 'automated' as const,
});

const COMPLIANCE: Record<string, Record<string, string[]>> = {
  /** Framework A only, requirement 1.1. */
  check_a: { 'fw-a': ['1.1'] },
  /** Framework A (1.2) and framework B (b.1). */
  check_ab: { 'fw-a': ['1.2'], 'fw-b': ['b.1'] },
  /** Framework B only, two requirements. */
  check_b: { 'fw-b': ['b.2', 'b.1'] },
};

/** check_a → fw-a 1.1; check_ab → fw-a 1.2 and fw-b b.1; check_b → fw-b b.2 and b.1; others nowhere. */
export const CATALOGUE: ReportCatalogue = {
  frameworks: [
    {
      id: 'fw-a',
      name: 'Framework A',
      version: '1.0',
      requirements: [requirement('1.1', 'First of A'), requirement('1.2', 'Second of A')],
    },
    {
      id: 'fw-b',
      name: 'Framework B',
      version: '2.0',
      requirements: [requirement('b.1', 'First of B'), requirement('b.2', 'Second of B')],
    },
  ],
  compliance: (checkId) => COMPLIANCE[checkId],
};

export function scanSummary(overrides: Partial<ScanReportScan> = {}): ScanReportScan {
  return {
    id: '6f1c2a0e-8d3b-4f7a-9c5e-2b1d0a9e8f70',
    status: 'completed',
    trigger: 'api',
    scheduleId: null,
    source: {
      id: '0d9a0b7e-3f6c-4a51-8e2d-7c4b1a2f3e90',
      name: 'Production org',
      kind: 'organization',
      deleted: false,
    },
    requestedAt: '2026-03-10T08:00:00.000Z',
    startedAt: '2026-03-10T08:00:05.000Z',
    finishedAt: '2026-03-10T08:12:35.000Z',
    cancelRequestedAt: null,
    request: { regions: null, frameworks: null, checks: null, accountIds: null, ouIds: null },
    counts: {
      accountsTotal: 2,
      accountsDone: 2,
      accountsFailed: 0,
      accountsSkipped: 0,
      accountsCancelled: 0,
      organizationJobsTotal: 0,
      organizationJobsFailed: 0,
      jobsWithErrors: 0,
      findingsNew: 3,
      findingsResolved: 1,
      findingsReopened: 0,
    },
    error: null,
    problems: { total: 0, items: [] },
    ...overrides,
  };
}

export function job(accountId: string, overrides: Partial<JobRow> = {}): JobRow {
  return {
    accountId,
    scope: 'account',
    status: 'succeeded',
    skipReason: null,
    errorCode: null,
    name: `Account ${accountId.slice(0, 3)}`,
    state: 'ACTIVE',
    ouId: null,
    ouPath: null,
    ...overrides,
  };
}

export function count(
  accountId: string,
  checkId: string | null,
  compliance: CheckStatus | null,
  n: number,
  overrides: Partial<FindingCountRow> = {},
): FindingCountRow {
  const status: FindingStatus =
    compliance === 'PASS'
      ? 'compliant'
      : compliance === 'MANUAL'
        ? 'manual'
        : compliance === 'ERROR'
          ? 'error'
          : 'new';
  return {
    accountId,
    kind: checkId === null ? 'inspector' : 'check',
    checkId,
    compliance,
    status,
    severity: 'high',
    suppressed: false,
    count: n,
    ...overrides,
  };
}

export function finding(
  overrides: Partial<Omit<FindingRow, 'state'>> = {},
): Omit<FindingRow, 'state'> {
  return {
    uid: 'a'.repeat(64),
    kind: 'check',
    severity: 'high',
    title: 'S3 bucket allows public access',
    accountId: ACC_1,
    region: 'eu-west-1',
    resourceUid: 'arn:aws:s3:::customer-data',
    resourceType: 'AwsS3Bucket',
    checkId: 'check_a',
    status: 'new',
    compliance: 'FAIL',
    suppressed: false,
    firstSeenAt: '2026-03-01T10:00:00.000Z',
    lastSeenAt: '2026-03-10T08:05:00.000Z',
    ...overrides,
  };
}

export function reportInput(overrides: Partial<ScanReportInput> = {}): ScanReportInput {
  return {
    generatedAt: '2026-03-10T09:00:00.000Z',
    palisadeVersion: '0.1.0',
    tenant: { id: '9b2e4c1a-5d6f-4e7a-8b9c-0d1e2f3a4b5c', name: 'Acme Corp' },
    scan: scanSummary(),
    jobs: [job(ACC_1), job(ACC_2)],
    ous: [],
    counts: [],
    snapshots: [],
    findings: [],
    findingsLimit: 5_000,
    ...overrides,
  };
}

export function model(overrides: Partial<ScanReportInput> = {}): ScanReportModel {
  return buildScanReport(reportInput(overrides), CATALOGUE);
}
