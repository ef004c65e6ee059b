// Scan progress on the terminal. `bars` redraws one block in place (a TTY); `plain` writes a
// line per thing worth a line, for CI logs; `none` is silent.
import { type ProgressMode } from './cli-args';
import { ProgressState, type JobScope, type ProgressEvent, type Totals } from './progress-state';
import {
  createStyle,
  fitWidth,
  formatClock,
  formatCount,
  formatDuration,
  oneLine,
  padEnd,
  plural,
  truncate,
  type Style,
} from './text';

export type ResolvedProgressMode = Exclude<ProgressMode, 'auto'>;

/** `auto`: bars on a terminal that can move its cursor, plain lines anywhere else. */
export function resolveProgressMode(
  mode: ProgressMode,
  stdout: { readonly isTTY: boolean; readonly term?: string },
): ResolvedProgressMode {
  if (mode !== 'auto') return mode;
  return stdout.isTTY && stdout.term !== 'dumb' ? 'bars' : 'plain';
}

export interface ProgressReporterOptions {
  readonly mode: ResolvedProgressMode;
  readonly write: (text: string) => void;
  /** The terminal's width (bars); lines stop a column short of it so none wraps. Default 80. */
  readonly columns?: number;
  readonly now?: () => number;
  /** Colour in bars mode; default true (pass false for NO_COLOR). Plain lines have none. */
  readonly color?: boolean;
}

export interface ProgressReporter {
  report(event: ProgressEvent): void;
  /**
   * Leaves the final state on screen and stops redrawing. `finished` does it; call it also when
   * the scan ends without one (an error, Ctrl-C). Later events are ignored.
   */
  close(): void;
}

export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  switch (options.mode) {
    case 'bars':
      return new BarsReporter(
        options.write,
        now,
        Math.max(20, options.columns ?? 80),
        createStyle(options.color ?? true),
      );
    case 'plain':
      return new PlainReporter(options.write, now);
    case 'none':
      return { report: () => undefined, close: () => undefined };
  }
}

/** At most ten redraws a second: a big organization sends far more events than that. */
const FRAME_MS = 100;
const MAX_MESSAGE = 300;
const MAX_NAME = 40;
/** Names are cut shorter on the "running" line, so that it can list several. */
const MAX_RUNNING_NAME = 24;

/** `prod-web (111122223333)`, or the id alone. */
function accountLabel(state: ProgressState, accountId: string): string {
  const name = state.nameOf(accountId);
  const id = oneLine(accountId);
  return name === undefined ? id : `${truncate(oneLine(name), MAX_NAME)} (${id})`;
}

/** The job of a finished event: the account, or its organization job. */
function jobLabel(state: ProgressState, accountId: string, scope: JobScope | undefined): string {
  const account = accountLabel(state, accountId);
  return scope === 'organization' ? `${account} organization checks` : account;
}

function errorText(state: ProgressState, error: NonNullable<ProgressState['lastError']>): string {
  const where = error.accountId === undefined ? '' : `${accountLabel(state, error.accountId)} `;
  return `${where}${oneLine(error.code)}: ${truncate(oneLine(error.message), MAX_MESSAGE)}`;
}

class BarsReporter implements ProgressReporter {
  private readonly state = new ProgressState();
  private readonly startedAt: number;
  /** Lines printed above the block, for good: errors and accounts that failed or were skipped. */
  private pending: string[] = [];
  private shownBlock = '';
  private shownHeight = 0;
  private lastDrawAt = -Infinity;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number,
    private readonly columns: number,
    private readonly style: Style,
  ) {
    this.startedAt = now();
  }

  report(event: ProgressEvent): void {
    if (this.closed) return;
    this.state.apply(event);
    this.keep(event);
    if (event.kind === 'finished') {
      this.close();
      return;
    }
    // The clock and any throttled change are drawn by the ticker; unref: it never holds the process.
    this.ticker ??= setInterval(() => this.draw(), FRAME_MS).unref();
    if (this.now() - this.lastDrawAt >= FRAME_MS) this.draw();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    this.draw();
  }

  private keep(event: ProgressEvent): void {
    const { red, yellow } = this.style;
    if (event.kind === 'error' && this.state.lastError !== undefined) {
      this.pending.push(`${red('✗')} ${errorText(this.state, this.state.lastError)}`);
    } else if (event.kind === 'job-finished' && event.status === 'failed') {
      const errors = event.errors > 0 ? ` (${plural(event.errors, 'error')})` : '';
      const job = jobLabel(this.state, event.accountId, event.scope);
      this.pending.push(`${red('✗')} ${job} failed${errors}`);
    } else if (event.kind === 'job-finished' && event.status === 'skipped') {
      const job = jobLabel(this.state, event.accountId, event.scope);
      this.pending.push(`${yellow('–')} ${job} skipped`);
    }
  }

  private draw(): void {
    const lines = this.block();
    const block = lines.join('\n');
    if (block === this.shownBlock && this.pending.length === 0) return;
    // Up to the block's first line, erase it and everything below, then print it anew.
    let out = this.shownHeight > 0 ? `\x1b[${this.shownHeight}A\x1b[J` : '';
    for (const line of this.pending) out += `${fitWidth(line, this.columns - 1)}\n`;
    out += `${block}\n`;
    this.write(out);
    this.pending = [];
    this.shownBlock = block;
    this.shownHeight = lines.length;
    this.lastDrawAt = this.now();
  }

  private block(): string[] {
    const { bold, dim, red, yellow } = this.style;
    const state = this.state;
    const elapsed = this.now() - this.startedAt;
    const accounts = state.accounts;
    let header: string;
    if (state.finished) header = `${bold('Scan finished')} in ${formatDuration(elapsed)}`;
    else if (this.closed) header = `${bold('Scan stopped')} after ${formatDuration(elapsed)}`;
    else if (!state.discovered && accounts.total === 0) {
      header = `${bold('Discovering accounts')} ${dim(`· ${formatClock(elapsed)}`)}`;
    } else
      header = `${bold(`Scanning ${plural(accounts.total, 'account')}`)} ${dim(`· ${formatClock(elapsed)}`)}`;
    const lines = [header];
    if (state.discovered || accounts.total > 0) {
      const outcomes = state.outcomes;
      const notes = [
        outcomes.failed > 0 ? red(`${formatCount(outcomes.failed)} failed`) : '',
        outcomes.skipped > 0 ? yellow(`${formatCount(outcomes.skipped)} skipped`) : '',
        outcomes.cancelled > 0 ? yellow(`${formatCount(outcomes.cancelled)} cancelled`) : '',
      ].filter((n) => n !== '');
      const rows = [
        ['accounts', accounts, notes.join(dim(' · '))],
        ['regions', state.regions, ''],
        ['checks', state.checks, ''],
      ] as const;
      // A total of 0 with work done means the total is not known: the count stands alone.
      const counts = rows.map(([, t]) =>
        t.total === 0 && t.done > 0
          ? formatCount(t.done)
          : `${formatCount(t.done)}/${formatCount(t.total)}`,
      );
      const countWidth = Math.max(...counts.map((c) => c.length));
      rows.forEach(([label, totals, note], i) => {
        lines.push(this.barLine(label, totals, padEnd(counts[i]!, countWidth), note));
      });
    }
    const errors = state.errors;
    if (errors === 0) lines.push(`  ${padEnd('errors', 9)} ${dim('none')}`);
    else {
      const last =
        state.lastError === undefined ? '' : dim(` · last: ${errorText(state, state.lastError)}`);
      lines.push(`  ${padEnd('errors', 9)} ${red(formatCount(errors))}${last}`);
    }
    const running = state.running;
    if (!this.closed && running.length > 0) lines.push(this.runningLine(running));
    return lines.map((line) => fitWidth(line, this.columns - 1));
  }

  private barLine(label: string, totals: Totals, count: string, notes: string): string {
    const { cyan, green, dim } = this.style;
    const width = Math.min(30, Math.max(10, this.columns - 52));
    const ratio = totals.total > 0 ? Math.min(1, totals.done / totals.total) : 0;
    const filled = Math.round(ratio * width);
    const fill = totals.total > 0 && totals.done >= totals.total ? green : cyan;
    const bar = fill('█'.repeat(filled)) + dim('░'.repeat(width - filled));
    return `  ${padEnd(label, 9)} ${bar}  ${notes === '' ? count.trimEnd() : `${count}  ${notes}`}`;
  }

  private runningLine(accountIds: readonly string[]): string {
    const room = this.columns - 1 - 12;
    const names: string[] = [];
    let used = 0;
    for (const [i, accountId] of accountIds.entries()) {
      const name = this.state.nameOf(accountId);
      const label =
        name === undefined ? oneLine(accountId) : truncate(oneLine(name), MAX_RUNNING_NAME);
      const more = accountIds.length - i - 1;
      const reserve = more > 0 ? ` +${more} more`.length : 0;
      if (names.length > 0 && used + label.length + 2 + reserve > room) {
        return `  ${padEnd('running', 9)} ${names.join(', ')} ${this.style.dim(`+${accountIds.length - i} more`)}`;
      }
      names.push(label);
      used += label.length + 2;
    }
    return `  ${padEnd('running', 9)} ${names.join(', ')}`;
  }
}

/** Accounts a step of the plain mode's "N% done" lines may stand for, at least. */
const MILESTONE_MIN_ACCOUNTS = 10;

class PlainReporter implements ProgressReporter {
  private readonly state = new ProgressState();
  private readonly startedAt: number;
  /** Tenths of the accounts reported done so far. */
  private milestone = 0;
  private closed = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  report(event: ProgressEvent): void {
    if (this.closed) return;
    this.state.apply(event);
    switch (event.kind) {
      case 'discovered': {
        const jobs = event.jobs === event.accounts ? '' : ` (${plural(event.jobs, 'job')})`;
        this.line(`Scanning ${plural(event.accounts, 'account')}${jobs}`);
        return;
      }
      case 'job-finished': {
        const { done, total } = this.state.accounts;
        const label = jobLabel(this.state, event.accountId, event.scope);
        const errors = event.errors > 0 ? `, ${plural(event.errors, 'error')}` : '';
        const results =
          event.status === 'succeeded'
            ? `: ${formatCount(event.pass)} pass, ${formatCount(event.fail)} fail${errors}`
            : errors;
        this.line(`${done}/${total} ${label} ${event.status}${results}`);
        this.reportMilestone();
        return;
      }
      case 'error':
        if (this.state.lastError !== undefined) {
          this.line(`error ${errorText(this.state, this.state.lastError)}`);
        }
        return;
      case 'finished':
        this.line(this.finishLine());
        this.close();
        return;
      case 'job-started':
      case 'job-progress':
        return;
    }
  }

  close(): void {
    this.closed = true;
  }

  private reportMilestone(): void {
    const { done, total } = this.state.accounts;
    // With few accounts each finished line already moves the count by a tenth or more.
    if (total <= MILESTONE_MIN_ACCOUNTS) return;
    const tenths = Math.floor((done * 10) / total);
    if (tenths <= this.milestone || tenths >= 10) return;
    this.milestone = tenths;
    const errors = this.state.errors;
    const soFar = errors > 0 ? `, ${plural(errors, 'error')} so far` : '';
    const percent = Math.floor((done * 100) / total);
    this.line(`${percent}% of accounts done (${done}/${total})${soFar}`);
  }

  private finishLine(): string {
    const { total } = this.state.accounts;
    const o = this.state.outcomes;
    const parts = [`${formatCount(o.succeeded)}/${plural(total, 'account')} succeeded`];
    if (o.failed > 0) parts.push(`${formatCount(o.failed)} failed`);
    if (o.skipped > 0) parts.push(`${formatCount(o.skipped)} skipped`);
    if (o.cancelled > 0) parts.push(`${formatCount(o.cancelled)} cancelled`);
    const elapsed = formatDuration(this.now() - this.startedAt);
    return `Scan finished in ${elapsed}: ${parts.join(', ')}; ${plural(this.state.errors, 'error')}`;
  }

  private line(text: string): void {
    this.write(`[${formatClock(this.now() - this.startedAt)}] ${text}\n`);
  }
}
