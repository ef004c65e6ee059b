import { ALL_CHECKS, FRAMEWORKS, type FrameworkDefinition } from '@palisade/checks';
import { type CheckStatus } from '@palisade/contracts';
import { type FindingSeverity, type FindingStatus } from '@palisade/findings';
import { type AccountState } from '@palisade/persistence';
import {
  type AccountPosture,
  type FailingFramework,
  FINDING_STATES,
  type FindingRow,
  type FindingState,
  type FrameworkPosture,
  type OuPosture,
  type PostureCounts,
  type ScanReportJob,
  type ScanReportModel,
  type ScanReportScan,
  SEVERITY_ORDER,
  type SeverityCounts,
  type TrendSeries,
} from './scan-report.model';

/** What a check implements: framework id → requirement ids (its metadata's `compliance`). */
export interface ReportCatalogue {
  readonly frameworks: readonly FrameworkDefinition[];
  compliance(checkId: string): Readonly<Record<string, readonly string[]>> | undefined;
}

let registry: ReportCatalogue | undefined;

/** The checks and frameworks of @palisade/checks. */
export function registryCatalogue(): ReportCatalogue {
  if (registry === undefined) {
    const byCheck = new Map(ALL_CHECKS.map((c) => [c.metadata.id, c.metadata.compliance]));
    registry = { frameworks: FRAMEWORKS, compliance: (checkId) => byCheck.get(checkId) };
  }
  return registry;
}

/** Findings of one account sharing everything the report counts by. */
export interface FindingCountRow {
  readonly accountId: string;
  readonly kind: 'check' | 'inspector';
  readonly checkId: string | null;
  readonly compliance: CheckStatus | null;
  readonly status: FindingStatus;
  readonly severity: FindingSeverity;
  readonly suppressed: boolean;
  readonly count: number;
}

/** One job of the scan with its account's inventory row (null fields when not in the inventory). */
export interface JobRow extends ScanReportJob {
  readonly accountId: string;
  readonly name: string | null;
  readonly state: AccountState | null;
  readonly ouId: string | null;
  readonly ouPath: string | null;
}

export interface OuRow {
  readonly ouId: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly path: string;
}

/** Summed snapshots of the scan's accounts for one day and framework. */
export interface SnapshotRow {
  readonly day: string;
  readonly framework: string;
  readonly passed: number;
  readonly failed: number;
  readonly manual: number;
  readonly errored: number;
  readonly suppressed: number;
}

/** Everything `buildScanReport` needs, as read from the database. */
export interface ScanReportInput {
  readonly generatedAt: string;
  readonly palisadeVersion: string;
  readonly tenant: { readonly id: string; readonly name: string };
  readonly scan: ScanReportScan;
  readonly jobs: readonly JobRow[];
  readonly ous: readonly OuRow[];
  readonly counts: readonly FindingCountRow[];
  readonly snapshots: readonly SnapshotRow[];
  /** The first `findingsLimit` findings in report order, without their `state`. */
  readonly findings: readonly Omit<FindingRow, 'state'>[];
  readonly findingsLimit: number;
}

/** 100 × passed / (passed + failed) rounded half up to 2 decimals; null without either (as the normaliser's snapshots). */
export function postureScore(passed: number, failed: number): number | null {
  const total = passed + failed;
  return total === 0 ? null : Math.round((10_000 * passed) / total) / 100;
}

/** How a finding reads in the report (see FINDING_STATES); `findingRank` in SQL orders by it. */
export function findingState(status: FindingStatus, suppressed: boolean): FindingState {
  switch (status) {
    case 'resolved':
      return 'resolved';
    case 'compliant':
      return 'passing';
    case 'new':
    case 'in_progress':
      return suppressed ? 'suppressed' : 'open';
    case 'manual':
    case 'error':
      return suppressed ? 'suppressed' : status;
  }
}

type Column = 'passed' | 'failed' | 'manual' | 'errored' | 'suppressed';
type Tally = Record<Column, number>;

const COLUMN: Record<CheckStatus, Column> = {
  PASS: 'passed',
  FAIL: 'failed',
  MANUAL: 'manual',
  ERROR: 'errored',
};

const emptyTally = (): Tally => ({ passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 });

function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as Column[]) into[key] += from[key];
}

function posture(tally: Tally): PostureCounts {
  return { ...tally, score: postureScore(tally.passed, tally.failed) };
}

export function emptySeverities(): Record<FindingSeverity, number> {
  return Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<FindingSeverity, number>;
}

function addSeverities(into: Record<FindingSeverity, number>, from: SeverityCounts): void {
  for (const severity of SEVERITY_ORDER) into[severity] += from[severity];
}

interface AccountAcc {
  row: JobRow;
  readonly jobs: ScanReportJob[];
  readonly tally: Tally;
  readonly frameworks: Map<string, Tally>;
  readonly open: Record<FindingSeverity, number>;
}

interface RequirementAcc {
  readonly accounts: Set<string>;
  readonly checks: Set<string>;
  findings: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report model from what the loader read: posture by account, OU and framework, failing
 * requirements, open findings by severity, trends and the findings table. Pure.
 *
 * Counting follows the normaliser's posture snapshots (libs/normaliser posture-snapshots.ts):
 * check findings by their last result, resolved ones only when that result is PASS, suppressed
 * ones only as suppressed, checks of no framework nowhere. Account, OU and overall counts take
 * each finding once; framework counts take it once per framework of its check. A requirement
 * fails where a counted finding of one of its checks is FAIL and not suppressed.
 */
export function buildScanReport(
  input: ScanReportInput,
  catalogue: ReportCatalogue = registryCatalogue(),
): ScanReportModel {
  const accounts = new Map<string, AccountAcc>();
  for (const job of input.jobs) {
    let acc = accounts.get(job.accountId);
    if (acc === undefined) {
      acc = {
        row: job,
        jobs: [],
        tally: emptyTally(),
        frameworks: new Map(),
        open: emptySeverities(),
      };
      accounts.set(job.accountId, acc);
    }
    acc.jobs.push({
      scope: job.scope,
      status: job.status,
      skipReason: job.skipReason,
      errorCode: job.errorCode,
    });
    // The inventory columns are the same on every job of the account; keep a row that has them.
    if (acc.row.name === null && job.name !== null) acc.row = job;
  }

  const byState = Object.fromEntries(FINDING_STATES.map((s) => [s, 0])) as Record<
    FindingState,
    number
  >;
  const openChecks = emptySeverities();
  const openInspector = emptySeverities();
  const frameworkTotals = new Map<string, Tally>();
  const requirements = new Map<string, Map<string, RequirementAcc>>();
  let total = 0;

  for (const row of input.counts) {
    const acc = accounts.get(row.accountId);
    if (acc === undefined) continue;
    total += row.count;
    const state = findingState(row.status, row.suppressed);
    byState[state] += row.count;
    if (state === 'open') {
      (row.kind === 'check' ? openChecks : openInspector)[row.severity] += row.count;
      acc.open[row.severity] += row.count;
    }

    if (row.kind !== 'check' || row.checkId === null || row.compliance === null) continue;
    if (row.status === 'resolved' && row.compliance !== 'PASS') continue;
    const compliance = catalogue.compliance(row.checkId) ?? {};
    const frameworkIds = Object.keys(compliance);
    if (frameworkIds.length === 0) continue;
    const column = row.suppressed ? 'suppressed' : COLUMN[row.compliance];
    acc.tally[column] += row.count;
    for (const framework of frameworkIds) {
      let perAccount = acc.frameworks.get(framework);
      if (perAccount === undefined) acc.frameworks.set(framework, (perAccount = emptyTally()));
      perAccount[column] += row.count;
      let totals = frameworkTotals.get(framework);
      if (totals === undefined) frameworkTotals.set(framework, (totals = emptyTally()));
      totals[column] += row.count;
    }
    if (column !== 'failed') continue;
    for (const [framework, requirementIds] of Object.entries(compliance)) {
      let failing = requirements.get(framework);
      if (failing === undefined) {
        requirements.set(framework, (failing = new Map<string, RequirementAcc>()));
      }
      for (const requirementId of requirementIds) {
        let req = failing.get(requirementId);
        if (req === undefined) {
          req = { accounts: new Set(), checks: new Set(), findings: 0 };
          failing.set(requirementId, req);
        }
        req.accounts.add(row.accountId);
        req.checks.add(row.checkId);
        req.findings += row.count;
      }
    }
  }

  const accountList = [...accounts.values()].sort((a, b) =>
    compare(a.row.accountId, b.row.accountId),
  );
  const overall = emptyTally();
  for (const acc of accountList) addTally(overall, acc.tally);

  return {
    generatedAt: input.generatedAt,
    palisadeVersion: input.palisadeVersion,
    tenant: input.tenant,
    scan: input.scan,
    totals: { findings: total, byState, posture: posture(overall) },
    frameworks: frameworkPostures(frameworkTotals, input.scan.request.frameworks, catalogue),
    accounts: accountList.map((acc): AccountPosture => ({
      accountId: acc.row.accountId,
      name: acc.row.name,
      state: acc.row.state,
      ouId: acc.row.ouId,
      ouPath: acc.row.ouPath,
      jobs: [...acc.jobs].sort((a, b) => compare(a.scope, b.scope)),
      posture: posture(acc.tally),
      frameworks: Object.fromEntries(
        [...acc.frameworks.entries()]
          .sort(([a], [b]) => compare(a, b))
          .map(([framework, tally]) => [framework, posture(tally)]),
      ),
      open: acc.open,
    })),
    ous: ouPostures(accountList, input.ous),
    failingRequirements: failingFrameworks(requirements, catalogue),
    openBySeverity: { checks: openChecks, inspector: openInspector },
    trends: trendSeries(input.snapshots, catalogue),
    findings: {
      total,
      limit: input.findingsLimit,
      rows: input.findings.map((f) => ({ ...f, state: findingState(f.status, f.suppressed) })),
    },
  };
}

/** Frameworks in registry order, then unknown ids; those with counts and those the scan asked for. */
function frameworkPostures(
  totals: ReadonlyMap<string, Tally>,
  requested: readonly string[] | null,
  catalogue: ReportCatalogue,
): FrameworkPosture[] {
  const known = new Map(catalogue.frameworks.map((f) => [f.id, f]));
  const ids = new Set([...totals.keys(), ...(requested ?? []).filter((id) => known.has(id))]);
  return [...ids]
    .sort((a, b) => frameworkOrder(a, catalogue) - frameworkOrder(b, catalogue) || compare(a, b))
    .map((id) => ({
      id,
      name: known.get(id)?.name ?? id,
      version: known.get(id)?.version ?? null,
      posture: posture(totals.get(id) ?? emptyTally()),
    }));
}

function frameworkOrder(id: string, catalogue: ReportCatalogue): number {
  const index = catalogue.frameworks.findIndex((f) => f.id === id);
  return index === -1 ? catalogue.frameworks.length : index;
}

/**
 * Every OU holding an account of the scan, directly or below, with the counts of that subtree.
 * An account's OU missing from the tree (inventory out of step) stands alone under its path.
 */
function ouPostures(accounts: readonly AccountAcc[], ous: readonly OuRow[]): OuPosture[] {
  const tree = new Map(ous.map((ou) => [ou.ouId, ou]));
  interface OuAcc {
    readonly ou: OuRow;
    accounts: number;
    direct: number;
    readonly tally: Tally;
    readonly open: Record<FindingSeverity, number>;
  }
  const rollup = new Map<string, OuAcc>();
  const accOf = (ou: OuRow): OuAcc => {
    let entry = rollup.get(ou.ouId);
    if (entry === undefined) {
      entry = { ou, accounts: 0, direct: 0, tally: emptyTally(), open: emptySeverities() };
      rollup.set(ou.ouId, entry);
    }
    return entry;
  };
  for (const account of accounts) {
    const ouId = account.row.ouId;
    if (ouId === null) continue;
    const own = tree.get(ouId) ?? {
      ouId,
      name: ouId,
      parentId: null,
      path: account.row.ouPath ?? ouId,
    };
    accOf(own).direct += 1;
    const seen = new Set<string>();
    for (let ou: OuRow | undefined = own; ou && !seen.has(ou.ouId);) {
      seen.add(ou.ouId);
      const entry = accOf(ou);
      entry.accounts += 1;
      addTally(entry.tally, account.tally);
      addSeverities(entry.open, account.open);
      ou = ou.parentId === null ? undefined : tree.get(ou.parentId);
    }
  }
  const depthOf = (ou: OuRow): number => {
    let depth = 0;
    const seen = new Set([ou.ouId]);
    for (let p = ou.parentId; p !== null;) {
      const parent = tree.get(p);
      if (parent === undefined || seen.has(parent.ouId)) break;
      seen.add(parent.ouId);
      depth += 1;
      p = parent.parentId;
    }
    return depth;
  };
  return [...rollup.values()]
    .sort((a, b) => compare(a.ou.path, b.ou.path) || compare(a.ou.ouId, b.ou.ouId))
    .map((entry) => ({
      ouId: entry.ou.ouId,
      name: entry.ou.name,
      path: entry.ou.path,
      parentId: entry.ou.parentId,
      depth: depthOf(entry.ou),
      accounts: entry.accounts,
      directAccounts: entry.direct,
      posture: posture(entry.tally),
      open: entry.open,
    }));
}

/** Requirements in the framework's own order; ids it does not list (none today) after them. */
function failingFrameworks(
  requirements: ReadonlyMap<string, ReadonlyMap<string, RequirementAcc>>,
  catalogue: ReportCatalogue,
): FailingFramework[] {
  return [...requirements.entries()]
    .sort(
      ([a], [b]) => frameworkOrder(a, catalogue) - frameworkOrder(b, catalogue) || compare(a, b),
    )
    .map(([frameworkId, failing]) => {
      const definition = catalogue.frameworks.find((f) => f.id === frameworkId);
      const order = new Map(definition?.requirements.map((r, i) => [r.id, i]) ?? []);
      const rank = (id: string) => order.get(id) ?? order.size;
      return {
        id: frameworkId,
        name: definition?.name ?? frameworkId,
        version: definition?.version ?? null,
        requirements: [...failing.entries()]
          .sort(([a], [b]) => rank(a) - rank(b) || compare(a, b))
          .map(([id, req]) => ({
            id,
            title: definition?.requirements.find((r) => r.id === id)?.title ?? id,
            checks: [...req.checks].sort(compare),
            failingAccounts: [...req.accounts].sort(compare),
            findings: req.findings,
          })),
      };
    });
}

function trendSeries(snapshots: readonly SnapshotRow[], catalogue: ReportCatalogue): TrendSeries[] {
  const byFramework = new Map<string, SnapshotRow[]>();
  for (const row of snapshots) {
    const rows = byFramework.get(row.framework) ?? [];
    rows.push(row);
    byFramework.set(row.framework, rows);
  }
  return [...byFramework.entries()]
    .sort(
      ([a], [b]) => frameworkOrder(a, catalogue) - frameworkOrder(b, catalogue) || compare(a, b),
    )
    .map(([frameworkId, rows]) => ({
      frameworkId,
      frameworkName: catalogue.frameworks.find((f) => f.id === frameworkId)?.name ?? frameworkId,
      points: [...rows]
        .sort((a, b) => compare(a.day, b.day))
        .map((r) => ({
          day: r.day,
          passed: r.passed,
          failed: r.failed,
          manual: r.manual,
          errored: r.errored,
          suppressed: r.suppressed,
          score: postureScore(r.passed, r.failed),
        })),
    }));
}
