// The summary printed when a scan is done: each account's results, the totals, the open
// failures by severity and the failing requirements that reach the most accounts.
import { SEVERITY_ORDER } from '@palisade/api';
import { FRAMEWORKS } from '@palisade/checks';
import { type FailOnThreshold } from './cli-args';
import {
  createStyle,
  formatCount,
  formatDuration,
  oneLine,
  padEnd,
  padStart,
  plural,
  truncate,
  truncateStart,
  type Style,
} from './text';

/** Severities from the most to the least severe, as findings carry them (the report's order). */
export const SUMMARY_SEVERITIES = SEVERITY_ORDER;
export type SummarySeverity = (typeof SUMMARY_SEVERITIES)[number];
export type SeverityCountsBySeverity = Readonly<Record<SummarySeverity, number>>;

export interface SummaryAccount {
  readonly accountId: string;
  readonly name?: string;
  /** Names from the root, e.g. `/Root/Workloads/Prod`. */
  readonly ouPath?: string;
  readonly pass: number;
  readonly fail: number;
  readonly error: number;
  readonly manual: number;
}

export interface SummaryRequirement {
  readonly frameworkId: string;
  readonly requirementId: string;
  readonly title: string;
  /** Accounts with at least one failing finding of the requirement. */
  readonly accounts: number;
  readonly findings: number;
}

export interface ScanSummaryModel {
  readonly scanId?: string;
  readonly status:
    'queued' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
  readonly durationMs: number;
  readonly accounts: readonly SummaryAccount[];
  /** Over all accounts, each check finding once. */
  readonly totals: {
    readonly pass: number;
    readonly fail: number;
    readonly error: number;
    readonly manual: number;
  };
  /** Open failing findings (not suppressed) by severity: what `--fail-on` judges. */
  readonly openBySeverity: SeverityCountsBySeverity;
  /** Most failing first; the table shows them in this order. */
  readonly topFailing: readonly SummaryRequirement[];
}

export interface SummaryOptions {
  readonly color: boolean;
  /** Width to fit requirement titles in; default 100. */
  readonly columns?: number;
  /** Accounts listed, the most failing first; default 30 (the rest are counted). */
  readonly maxAccounts?: number;
  /** Requirements listed; default 10. */
  readonly maxRequirements?: number;
}

const ACCOUNT_ID_WIDTH = 12;
const MIN_NAME = 12;
const MAX_NAME = 32;
const MIN_OU = 10;
const MAX_OU = 24;

export function renderSummaryTable(model: ScanSummaryModel, options: SummaryOptions): string {
  const style = createStyle(options.color);
  const columns = Math.max(60, options.columns ?? 100);
  const sections = [
    headline(model, style),
    accountTable(model, style, columns, options.maxAccounts ?? 30),
    severityLine(model.openBySeverity, style),
  ];
  const requirements = requirementTable(model, style, columns, options.maxRequirements ?? 10);
  if (requirements !== '') sections.push(requirements);
  return `${sections.join('\n\n')}\n`;
}

function headline(model: ScanSummaryModel, style: Style): string {
  const { bold, green, yellow, red } = style;
  const status: Record<ScanSummaryModel['status'], string> = {
    queued: yellow('is still queued'),
    running: yellow('is still running'),
    completed: green('completed'),
    completed_with_errors: yellow('completed with errors'),
    failed: red('failed'),
    cancelled: yellow('was cancelled'),
  };
  const scan = model.scanId === undefined ? 'Scan' : `Scan ${oneLine(model.scanId)}`;
  const after = model.status === 'queued' || model.status === 'running' ? 'after' : 'in';
  return `${bold(scan)} ${status[model.status]} ${after} ${formatDuration(model.durationMs)} · ${plural(model.accounts.length, 'account')}`;
}

interface Column {
  readonly header: string;
  readonly align: 'left' | 'right';
  readonly cells: readonly string[];
  /** Colours a cell, given its row; the widths are taken before. */
  readonly paint?: (cell: string, row: number) => string;
}

/** Columns side by side, two spaces apart, each as wide as its widest cell; a footer under a rule. */
function table(cols: readonly Column[], footer: readonly string[], style: Style): string {
  const widths = cols.map((c, i) =>
    Math.max(c.header.length, ...[...c.cells, footer[i] ?? ''].map((x) => [...x].length)),
  );
  const line = (cells: readonly string[], paint: (i: number, cell: string) => string) =>
    cols
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const padded = c.align === 'right' ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!);
        return paint(i, padded);
      })
      .join('  ')
      .trimEnd();
  const rows = [
    line(
      cols.map((c) => c.header),
      (_, cell) => style.dim(cell),
    ),
  ];
  const count = Math.max(0, ...cols.map((c) => c.cells.length));
  for (let r = 0; r < count; r++) {
    rows.push(
      line(
        cols.map((c) => c.cells[r] ?? ''),
        (i, cell) => cols[i]!.paint?.(cell, r) ?? cell,
      ),
    );
  }
  const total = widths.reduce((n, w) => n + w, 0) + 2 * (widths.length - 1);
  rows.push(style.dim('─'.repeat(total)));
  rows.push(line(footer, (_, cell) => style.bold(cell)));
  return rows.join('\n');
}

function byMostFailing(a: SummaryAccount, b: SummaryAccount): number {
  return (
    b.fail - a.fail ||
    b.error - a.error ||
    (a.name ?? a.accountId).localeCompare(b.name ?? b.accountId) ||
    a.accountId.localeCompare(b.accountId)
  );
}

function accountTable(
  model: ScanSummaryModel,
  style: Style,
  columns: number,
  maxAccounts: number,
): string {
  if (model.accounts.length === 0) return style.dim('No account was scanned.');
  const { red, yellow, green, dim } = style;
  const shown = [...model.accounts].sort(byMostFailing).slice(0, Math.max(1, maxAccounts));
  const hidden = model.accounts.length - shown.length;
  const named = shown.some((a) => a.name !== undefined && oneLine(a.name) !== '');
  const hasOu = shown.some((a) => a.ouPath !== undefined && oneLine(a.ouPath) !== '');

  const t = model.totals;
  const numbers: [string, (a: SummaryAccount) => number, number, (s: string) => string][] = [
    ['PASS', (a) => a.pass, t.pass, green],
    ['FAIL', (a) => a.fail, t.fail, red],
    ['ERROR', (a) => a.error, t.error, yellow],
    ['MANUAL', (a) => a.manual, t.manual, (s) => s],
  ];
  const numberCols: Column[] = numbers.map(([header, pick, , paint]) => ({
    header,
    align: 'right',
    cells: shown.map((a) => formatCount(pick(a))),
    paint: (cell, row) => (pick(shown[row]!) > 0 ? paint(cell) : dim(cell)),
  }));

  // Names and OU paths get what the ids and numbers leave of the width, within bounds; the OU
  // column goes first when the width cannot hold both.
  const numbersWidth = numbers.reduce((n, [header, , total], i) => {
    const cells = numberCols[i]!.cells.map((c) => c.length);
    return n + 2 + Math.max(header.length, formatCount(total).length, ...cells);
  }, 0);
  const room = columns - 1 - ACCOUNT_ID_WIDTH - numbersWidth - (named ? 2 : 0);
  const withOu = hasOu && room - 2 >= (named ? MIN_NAME : 0) + MIN_OU;
  const ouWidth = withOu ? Math.min(MAX_OU, Math.max(MIN_OU, Math.floor((room - 2) * 0.4))) : 0;
  const nameWidth = Math.min(MAX_NAME, Math.max(MIN_NAME, room - (withOu ? ouWidth + 2 : 0)));

  const cols: Column[] = [];
  if (named) {
    cols.push({
      header: 'ACCOUNT',
      align: 'left',
      cells: shown.map((a) => truncate(oneLine(a.name ?? ''), nameWidth)),
    });
  }
  cols.push({ header: 'ID', align: 'left', cells: shown.map((a) => oneLine(a.accountId)) });
  if (withOu) {
    cols.push({
      header: 'OU',
      align: 'left',
      cells: shown.map((a) => truncateStart(oneLine(a.ouPath ?? ''), ouWidth)),
      paint: (cell) => dim(cell),
    });
  }
  cols.push(...numberCols);
  // The scan's totals: the headline already says how many accounts.
  const footer = [
    ...cols.slice(0, -numbers.length).map((_, i) => (i === 0 ? 'Total' : '')),
    ...numbers.map(([, , total]) => formatCount(total)),
  ];
  let out = table(cols, footer, style);
  if (hidden > 0) {
    out += `\n${dim(`… and ${plural(hidden, 'more account')} with fewer failures (all are in the report and the API)`)}`;
  }
  return out;
}

function severityLine(counts: SeverityCountsBySeverity, style: Style): string {
  const { bold, red, yellow, green, dim } = style;
  const total = SUMMARY_SEVERITIES.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return `${bold('Open failures:')} ${green('none')}`;
  const paint: Record<SummarySeverity, (s: string) => string> = {
    critical: (s) => bold(red(s)),
    high: red,
    medium: yellow,
    low: (s) => s,
    informational: dim,
    unknown: dim,
  };
  const parts = SUMMARY_SEVERITIES.filter((s) => s !== 'unknown' || counts[s] > 0).map((s) => {
    const text = `${formatCount(counts[s])} ${s}`;
    return counts[s] > 0 ? paint[s](text) : dim(text);
  });
  return `${bold('Open failures:')} ${parts.join(dim(' · '))}`;
}

function frameworkTitle(id: string): string {
  const framework = FRAMEWORKS.find((f) => f.id === id);
  return framework === undefined ? oneLine(id) : `${framework.name} ${framework.version}`;
}

function requirementTable(
  model: ScanSummaryModel,
  style: Style,
  columns: number,
  maxRequirements: number,
): string {
  const shown = model.topFailing.slice(0, Math.max(0, maxRequirements));
  if (shown.length === 0) return '';
  const frameworks = [...new Set(shown.map((r) => r.frameworkId))];
  const idWidth = Math.max(3, ...shown.map((r) => [...oneLine(r.requirementId)].length));
  const accountsWidth = Math.max(
    'ACCOUNTS'.length,
    ...shown.map((r) => formatCount(r.accounts).length),
  );
  const findingsWidth = Math.max(
    'FINDINGS'.length,
    ...shown.map((r) => formatCount(r.findings).length),
  );
  // Indent 2, then id, title, accounts and findings, two spaces apart.
  const titleWidth = Math.max(20, columns - 1 - 2 - idWidth - accountsWidth - findingsWidth - 6);
  const titles = shown.map((r) => truncate(oneLine(r.title), titleWidth));
  const titleCol = Math.max('TITLE'.length, ...titles.map((t) => [...t].length));
  const row = (id: string, title: string, accounts: string, findings: string) =>
    `  ${padEnd(id, idWidth)}  ${padEnd(title, titleCol)}  ${padStart(accounts, accountsWidth)}  ${padStart(findings, findingsWidth)}`;

  const lines = [style.bold('Top failing requirements')];
  for (const frameworkId of frameworks) {
    lines.push(`${style.cyan(frameworkTitle(frameworkId))}`);
    lines.push(style.dim(row('REQ', 'TITLE', 'ACCOUNTS', 'FINDINGS')));
    shown.forEach((r, i) => {
      if (r.frameworkId !== frameworkId) return;
      lines.push(
        row(
          oneLine(r.requirementId),
          titles[i]!,
          formatCount(r.accounts),
          formatCount(r.findings),
        ).trimEnd(),
      );
    });
  }
  return lines.join('\n');
}

const THRESHOLD_SEVERITIES: Readonly<Record<FailOnThreshold, readonly SummarySeverity[]>> = {
  critical: ['critical'],
  high: ['critical', 'high'],
  medium: ['critical', 'high', 'medium'],
};

/** Open failures at or above the threshold, by severity. */
function failingAtOrAbove(
  threshold: FailOnThreshold,
  counts: SeverityCountsBySeverity,
): [SummarySeverity, number][] {
  return THRESHOLD_SEVERITIES[threshold].map((s): [SummarySeverity, number] => [s, counts[s]]);
}

/** 1 when `--fail-on` is given and an open failure at or above it exists, else 0. */
export function failOnExitCode(
  threshold: FailOnThreshold | undefined,
  counts: SeverityCountsBySeverity,
): 0 | 1 {
  if (threshold === undefined) return 0;
  return failingAtOrAbove(threshold, counts).some(([, n]) => n > 0) ? 1 : 0;
}

/**
 * The line saying why `--fail-on` made the exit code 1, e.g.
 * `--fail-on high: 16 open failures are high or worse (2 critical, 14 high)`; undefined when not.
 */
export function describeFailOn(
  threshold: FailOnThreshold | undefined,
  counts: SeverityCountsBySeverity,
): string | undefined {
  if (threshold === undefined || failOnExitCode(threshold, counts) === 0) return undefined;
  const found = failingAtOrAbove(threshold, counts).filter(([, n]) => n > 0);
  const total = found.reduce((sum, [, n]) => sum + n, 0);
  const which = threshold === 'critical' ? 'critical' : `${threshold} or worse`;
  const verb = total === 1 ? 'is' : 'are';
  const detail = found.map(([s, n]) => `${formatCount(n)} ${s}`).join(', ');
  return `--fail-on ${threshold}: ${plural(total, 'open failure')} ${verb} ${which} (${detail})`;
}
