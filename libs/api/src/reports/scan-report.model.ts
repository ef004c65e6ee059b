import { type CheckStatus } from '@palisade/contracts';
import { type FindingSeverity, type FindingStatus } from '@palisade/findings';
import {
  type AccountState,
  type ScanJobScope,
  type ScanJobStatus,
  type ScanStatus,
  type SourceKind,
} from '@palisade/persistence';

/**
 * The per-scan report as data: what `loadScanReport` reads from Postgres and `renderScanReport`
 * turns into HTML (the CLI renders the same model). Plain JSON: instants are ISO 8601 strings,
 * days `YYYY-MM-DD`, no class instances.
 *
 * Posture, requirements, severities and the findings table are the **current** state of the
 * tenant's findings for the accounts of the scan (as of `generatedAt`), not a copy taken when
 * the scan ran: a later scan of the same accounts changes them.
 */
export interface ScanReportModel {
  /** When the report was read (the database's clock): the "as of" of every finding number. */
  readonly generatedAt: string;
  readonly palisadeVersion: string;
  readonly tenant: { readonly id: string; readonly name: string };
  readonly scan: ScanReportScan;
  readonly totals: ScanReportTotals;
  /** Posture per framework over the scan's accounts (a result counts in each framework of its check). */
  readonly frameworks: readonly FrameworkPosture[];
  /** One per account the scan has a job for, by account id. */
  readonly accounts: readonly AccountPosture[];
  /** OUs holding at least one of the accounts, each rolled up over its subtree, by path. Empty for an `accounts` source. */
  readonly ous: readonly OuPosture[];
  /** Frameworks with at least one failing requirement, in registry order. */
  readonly failingRequirements: readonly FailingFramework[];
  /** Open findings (failing, not suppressed) by severity, check results and Inspector2 apart. */
  readonly openBySeverity: {
    readonly checks: SeverityCounts;
    readonly inspector: SeverityCounts;
  };
  /** Daily posture per framework over the scan's accounts (last TREND_DAYS days of snapshots). */
  readonly trends: readonly TrendSeries[];
  readonly findings: {
    /** Every finding of the accounts; `rows` holds at most `limit` of them. */
    readonly total: number;
    readonly limit: number;
    /** Open first, then manual, error, suppressed, resolved, passing; by severity, then last seen. */
    readonly rows: readonly FindingRow[];
  };
}

/** Severities from the most to the least severe (`findings.severity`). */
export const SEVERITY_ORDER = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
  'unknown',
] as const satisfies readonly FindingSeverity[];

export type SeverityCounts = Readonly<Record<FindingSeverity, number>>;

/**
 * How a finding reads in the report, from its lifecycle status and suppression:
 * - `open`: failing (status new or in_progress) and not suppressed;
 * - `manual`, `error`: a MANUAL result waiting for a person / only ever seen as ERROR;
 * - `suppressed`: by a rule or by Inspector2, and not resolved or passing;
 * - `resolved`: was failing, now fixed or gone; `passing`: passes and never failed (compliant).
 */
export const FINDING_STATES = [
  'open',
  'manual',
  'error',
  'suppressed',
  'resolved',
  'passing',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/**
 * Check results counted by their last result, as the normaliser's posture snapshots count them:
 * every check finding except a resolved one whose last result is not PASS (its resource is
 * gone); a suppressed finding counts only in `suppressed`. Inspector2 findings and checks that
 * no framework lists are in no posture.
 */
export interface PostureCounts {
  readonly passed: number;
  readonly failed: number;
  readonly manual: number;
  readonly errored: number;
  readonly suppressed: number;
  /** 100 × passed / (passed + failed), rounded half up to 2 decimals; null when both are 0. */
  readonly score: number | null;
}

export interface ScanReportTotals {
  /** Findings of the scan's accounts, every kind and status. */
  readonly findings: number;
  readonly byState: Readonly<Record<FindingState, number>>;
  /** Over the accounts, each check finding counted once (not once per framework). */
  readonly posture: PostureCounts;
}

export interface ScanReportScan {
  readonly id: string;
  readonly status: ScanStatus;
  /** Who asked for it: the API, a schedule (`scheduleId`) or the CLI. */
  readonly trigger: 'api' | 'schedule' | 'cli';
  readonly scheduleId: string | null;
  readonly source: {
    readonly id: string;
    readonly name: string;
    readonly kind: SourceKind;
    /** The source was deleted since (its scans stay readable). */
    readonly deleted: boolean;
  };
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly cancelRequestedAt: string | null;
  /** What the scan asked for; null = not narrowed (every region, framework, account). */
  readonly request: {
    readonly regions: readonly string[] | null;
    readonly frameworks: readonly string[] | null;
    readonly checks: readonly string[] | null;
    readonly accountIds: readonly string[] | null;
    readonly ouIds: readonly string[] | null;
  };
  readonly counts: ScanReportCounts;
  /** The scan's own error text (why it failed or completed with errors), as the normaliser wrote it. */
  readonly error: string | null;
  /** Failed jobs, regions that failed and errors reported by finished jobs. */
  readonly problems: { readonly total: number; readonly items: readonly ScanProblem[] };
}

/** `scans.counts` as the normaliser keeps it (0 where the scan has not counted yet). */
export interface ScanReportCounts {
  readonly accountsTotal: number;
  readonly accountsDone: number;
  readonly accountsFailed: number;
  readonly accountsSkipped: number;
  readonly accountsCancelled: number;
  readonly organizationJobsTotal: number;
  readonly organizationJobsFailed: number;
  readonly jobsWithErrors: number;
  /** Findings this scan opened, resolved and reopened (its `finding_history` rows). */
  readonly findingsNew: number;
  readonly findingsResolved: number;
  readonly findingsReopened: number;
}

export const SCAN_COUNT_KEYS = [
  'accountsTotal',
  'accountsDone',
  'accountsFailed',
  'accountsSkipped',
  'accountsCancelled',
  'organizationJobsTotal',
  'organizationJobsFailed',
  'jobsWithErrors',
  'findingsNew',
  'findingsResolved',
  'findingsReopened',
] as const satisfies readonly (keyof ScanReportCounts)[];

/** One thing that went wrong in a job. */
export interface ScanProblem {
  /** `failed`: the job failed; `region`: a region could not be scanned; `error`: an error the finished job reported. */
  readonly kind: 'failed' | 'region' | 'error';
  readonly accountId: string;
  readonly scope: ScanJobScope;
  readonly region: string | null;
  readonly checkId: string | null;
  readonly code: string | null;
  readonly message: string | null;
}

export interface ScanReportJob {
  readonly scope: ScanJobScope;
  readonly status: ScanJobStatus;
  readonly skipReason: string | null;
  readonly errorCode: string | null;
}

export interface AccountPosture {
  readonly accountId: string;
  /** Null when the account is not in the source's inventory. */
  readonly name: string | null;
  readonly state: AccountState | null;
  readonly ouId: string | null;
  /** Names from the root, e.g. `/Root/Workloads/Prod`. */
  readonly ouPath: string | null;
  /** The scan's jobs of the account: its `account` job, and the `organization` job for the management account. */
  readonly jobs: readonly ScanReportJob[];
  /** Each check finding once. */
  readonly posture: PostureCounts;
  /** Framework id → posture (a finding counts in every framework of its check). */
  readonly frameworks: Readonly<Record<string, PostureCounts>>;
  readonly open: SeverityCounts;
}

export interface OuPosture {
  readonly ouId: string;
  readonly name: string;
  readonly path: string;
  readonly parentId: string | null;
  /** 0 for the root; the report indents by it. */
  readonly depth: number;
  /** Accounts of the scan in this OU or below it. */
  readonly accounts: number;
  /** Accounts of the scan directly in this OU. */
  readonly directAccounts: number;
  readonly posture: PostureCounts;
  readonly open: SeverityCounts;
}

export interface FrameworkPosture {
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
  readonly posture: PostureCounts;
}

export interface FailingFramework {
  readonly id: string;
  readonly name: string;
  readonly version: string | null;
  readonly requirements: readonly FailingRequirement[];
}

export interface FailingRequirement {
  readonly id: string;
  readonly title: string;
  /** Checks of the requirement with failing findings. */
  readonly checks: readonly string[];
  /** Accounts with at least one failing finding of the requirement, by id. */
  readonly failingAccounts: readonly string[];
  /** Failing findings of the requirement (not suppressed). */
  readonly findings: number;
}

export interface TrendPoint {
  readonly day: string;
  readonly passed: number;
  readonly failed: number;
  readonly manual: number;
  readonly errored: number;
  readonly suppressed: number;
  readonly score: number | null;
}

export interface TrendSeries {
  readonly frameworkId: string;
  readonly frameworkName: string;
  /** By day, oldest first. */
  readonly points: readonly TrendPoint[];
}

export interface FindingRow {
  readonly uid: string;
  readonly kind: 'check' | 'inspector';
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceUid: string;
  readonly resourceType: string;
  readonly checkId: string | null;
  readonly status: FindingStatus;
  readonly compliance: CheckStatus | null;
  readonly suppressed: boolean;
  readonly state: FindingState;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
}

/** Rows of the findings table at most (the rest are counted; the API and exports list them all). */
export const REPORT_FINDINGS_LIMIT = 5_000;
/** Problems listed at most (the rest are counted). */
export const REPORT_PROBLEMS_LIMIT = 200;
/** Days of posture snapshots the trend covers. */
export const TREND_DAYS = 90;
