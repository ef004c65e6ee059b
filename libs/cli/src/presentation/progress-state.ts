// What a scan's progress events add up to, kept apart from how it is drawn.

export type JobOutcome = 'succeeded' | 'failed' | 'skipped' | 'cancelled';

/** The management account has an `organization` job beside its `account` job with `--org`. */
export type JobScope = 'account' | 'organization';

/**
 * What the scan reports while it runs. A job is named by its `jobId` when the events carry one,
 * else by its account and scope (default `account`).
 */
export type ProgressEvent =
  | { readonly kind: 'discovered'; readonly accounts: number; readonly jobs: number }
  | {
      readonly kind: 'job-started';
      readonly accountId: string;
      readonly accountName?: string;
      readonly jobId?: string;
      readonly scope?: JobScope;
    }
  | {
      readonly kind: 'job-progress';
      readonly accountId: string;
      readonly jobId?: string;
      readonly scope?: JobScope;
      readonly regionsDone: number;
      readonly regionsTotal: number;
      readonly checksDone: number;
      readonly checksTotal: number;
    }
  | {
      readonly kind: 'job-finished';
      readonly accountId: string;
      readonly jobId?: string;
      readonly scope?: JobScope;
      readonly status: JobOutcome;
      /** The job's own error count: the `error` events of the account are among them. */
      readonly errors: number;
      readonly pass: number;
      readonly fail: number;
    }
  | {
      readonly kind: 'error';
      /** Absent for a problem of the scan as a whole (discovery, the organization walk). */
      readonly accountId?: string;
      readonly code: string;
      readonly message: string;
    }
  | { readonly kind: 'finished' };

interface JobState {
  readonly accountId: string;
  outcome?: JobOutcome;
  regionsDone: number;
  regionsTotal: number;
  checksDone: number;
  checksTotal: number;
  errors: number;
}

interface AccountState {
  name?: string;
  readonly jobs: JobState[];
  /** `error` events seen for the account, before its jobs report their own counts. */
  errorEvents: number;
}

export interface Totals {
  readonly done: number;
  readonly total: number;
}

export interface ErrorReport {
  readonly accountId?: string;
  readonly code: string;
  readonly message: string;
}

export class ProgressState {
  /** From `discovered`; until then, the accounts jobs have been seen for. */
  private declaredAccounts: number | undefined;
  private declaredJobs: number | undefined;
  private readonly jobs = new Map<string, JobState>();
  private readonly accountStates = new Map<string, AccountState>();
  private scanErrors = 0;
  finished = false;
  lastError: ErrorReport | undefined;

  apply(event: ProgressEvent): void {
    switch (event.kind) {
      case 'discovered':
        this.declaredAccounts = event.accounts;
        this.declaredJobs = event.jobs;
        return;
      case 'job-started': {
        this.job(event);
        if (event.accountName !== undefined) this.account(event.accountId).name = event.accountName;
        return;
      }
      case 'job-progress': {
        const job = this.job(event);
        job.regionsDone = event.regionsDone;
        job.regionsTotal = event.regionsTotal;
        job.checksDone = event.checksDone;
        job.checksTotal = event.checksTotal;
        return;
      }
      case 'job-finished': {
        const job = this.job(event);
        job.outcome = event.status;
        job.errors = event.errors;
        if (event.status === 'succeeded') {
          // Done means all of it, where the total is known.
          job.regionsDone = Math.max(job.regionsDone, job.regionsTotal);
          job.checksDone = Math.max(job.checksDone, job.checksTotal);
        }
        return;
      }
      case 'error':
        this.lastError = {
          ...(event.accountId === undefined ? {} : { accountId: event.accountId }),
          code: event.code,
          message: event.message,
        };
        if (event.accountId === undefined) this.scanErrors++;
        else this.account(event.accountId).errorEvents++;
        return;
      case 'finished':
        this.finished = true;
        return;
    }
  }

  nameOf(accountId: string): string | undefined {
    return this.accountStates.get(accountId)?.name;
  }

  /** Whether `discovered` said how many accounts there are. */
  get discovered(): boolean {
    return this.declaredAccounts !== undefined;
  }

  /** Accounts every job of which finished, against the accounts to scan. */
  get accounts(): Totals {
    const done = this.finishedAccounts().length;
    const seen = [...this.accountStates.values()].filter((a) => a.jobs.length > 0).length;
    return { done, total: Math.max(this.declaredAccounts ?? seen, done) };
  }

  get jobCount(): number | undefined {
    return this.declaredJobs;
  }

  /** Finished accounts by the worst outcome of their jobs. */
  get outcomes(): Readonly<Record<JobOutcome, number>> {
    const counts: Record<JobOutcome, number> = {
      succeeded: 0,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    };
    for (const accountId of this.finishedAccounts()) {
      const outcomes = this.jobsOf(accountId).map((j) => j.outcome);
      const worst = (['failed', 'cancelled', 'skipped'] as const).find((o) => outcomes.includes(o));
      counts[worst ?? 'succeeded']++;
    }
    return counts;
  }

  get regions(): Totals {
    return this.sum(
      (j) => j.regionsDone,
      (j) => j.regionsTotal,
    );
  }

  get checks(): Totals {
    return this.sum(
      (j) => j.checksDone,
      (j) => j.checksTotal,
    );
  }

  /**
   * Errors so far: per account, its jobs' own counts once they finish (never fewer than the
   * `error` events seen for it), plus the scan's own.
   */
  get errors(): number {
    let total = this.scanErrors;
    for (const account of this.accountStates.values()) {
      const reported = account.jobs.reduce((n, j) => n + j.errors, 0);
      total += Math.max(reported, account.errorEvents);
    }
    return total;
  }

  /** Accounts with a job under way, in the order their first job started. */
  get running(): string[] {
    const ids = [...this.jobs.values()]
      .filter((j) => j.outcome === undefined)
      .map((j) => j.accountId);
    return [...new Set(ids)];
  }

  private finishedAccounts(): string[] {
    return [...this.accountStates]
      .filter(([, a]) => a.jobs.length > 0 && a.jobs.every((j) => j.outcome !== undefined))
      .map(([accountId]) => accountId);
  }

  private jobsOf(accountId: string): readonly JobState[] {
    return this.accountStates.get(accountId)?.jobs ?? [];
  }

  private sum(done: (j: JobState) => number, total: (j: JobState) => number): Totals {
    let d = 0;
    let t = 0;
    for (const job of this.jobs.values()) {
      d += done(job);
      t += total(job);
    }
    return { done: d, total: t };
  }

  private job(event: {
    readonly accountId: string;
    readonly jobId?: string;
    readonly scope?: JobScope;
  }): JobState {
    const { accountId } = event;
    const key = event.jobId ?? `${event.scope ?? 'account'}:${accountId}`;
    let job = this.jobs.get(key);
    if (job === undefined) {
      job = {
        accountId,
        regionsDone: 0,
        regionsTotal: 0,
        checksDone: 0,
        checksTotal: 0,
        errors: 0,
      };
      this.jobs.set(key, job);
      this.account(accountId).jobs.push(job);
    }
    return job;
  }

  private account(accountId: string): AccountState {
    let account = this.accountStates.get(accountId);
    if (account === undefined) {
      account = { errorEvents: 0, jobs: [] };
      this.accountStates.set(accountId, account);
    }
    return account;
  }
}
