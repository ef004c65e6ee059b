// Runs one scan job: assume the role chain, resolve regions, collect what the selected checks
// need (once per account × region), evaluate them scope by scope, pull Inspector2 findings,
// and emit result batches and a final job event. Errors are data: a role that cannot be assumed
// is a `failed` event, a region or collector error is in the final event and in ERROR results.
import {
  type AwsClientFactory,
  type AwsSession,
  type AwsSessionFactory,
  classifyAwsError,
  resolveAccountRegions,
} from '@palisade/aws';
import {
  type Check,
  type CollectorKey,
  type ScopeEvaluation,
  checksForJob,
  evaluateChecks,
  selectChecks,
} from '@palisade/checks';
import {
  countingPlugin,
  CollectionAborted,
  CollectionRun,
  requiredKeys,
  type CollectorDefinition,
} from '@palisade/collectors';
import {
  type CheckResult,
  type ErrorRecord,
  type InspectorFinding,
  type ScanJob,
  type ScanJobEvent,
  type ScopeCount,
  SCHEMA_VERSION,
  Topics,
  effectiveSettings,
} from '@palisade/contracts';
import { type Publisher, TransientError } from '@palisade/messaging';
import { ResultBatcher } from './result-batcher';

export interface JobRunnerTuning {
  readonly collectorConcurrency: number;
  readonly itemConcurrency: number;
  readonly resultBatchSize: number;
}

/** What Inspector2 did for a job (the final event's `inspector`). */
export interface InspectorSummary {
  readonly status: 'ENABLED' | 'NOT_ENABLED' | 'ERROR' | 'SKIPPED';
  readonly findings: number;
  readonly watermarks: Record<string, string>;
  readonly errors: ErrorRecord[];
}

/** Pulls a job's Inspector2 findings (see inspector-step.ts). */
export interface InspectorPuller {
  pull(input: {
    readonly job: ScanJob;
    readonly session: AwsSession;
    /** The regions where Inspector2 scans the account. */
    readonly regions: readonly string[];
    readonly signal: AbortSignal;
    readonly emit: (findings: readonly InspectorFinding[]) => Promise<void>;
  }): Promise<InspectorSummary>;
}

export interface JobRunnerDeps {
  readonly sessions: AwsSessionFactory;
  readonly clients: AwsClientFactory;
  readonly publisher: Publisher;
  readonly catalogue: ReadonlyMap<CollectorKey, CollectorDefinition>;
  readonly registry: readonly Check[];
  readonly inspector: InspectorPuller;
  readonly tuning: JobRunnerTuning;
  /** This worker's name, in the `started` event. */
  readonly worker: string;
  readonly now?: () => Date;
}

/** Why a running job stops early. */
export type StopReason = 'cancelled' | 'shutdown';

/** The job was stopped for shutdown: its message must not be committed (another worker runs it). */
export class JobHandedBack extends TransientError {
  constructor(jobId: string) {
    super('JOB_HANDED_BACK', `job ${jobId} stopped for shutdown; it will be redelivered`);
    this.name = 'JobHandedBack';
  }
}

/** Runs with Inspector2: says, per region, whether Inspector2 scans the account (coverage). */
const INSPECTOR_COVERAGE_CHECK = 'inspector2_scanning_enabled';

export class JobRunner {
  private readonly now: () => Date;

  constructor(private readonly deps: JobRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Runs the job to its final event. `stop` aborts it: `cancelled` ends it with a final event
   * saying so; `shutdown` throws JobHandedBack without a final event.
   */
  async run(job: ScanJob, stop: AbortSignal): Promise<void> {
    const startedAt = this.now();
    const base = {
      schemaVersion: SCHEMA_VERSION,
      tenantId: job.tenantId,
      scanId: job.scanId,
      jobId: job.jobId,
      accountId: job.accountId,
    } as const;
    const emitEvent = (event: ScanJobEvent) =>
      this.deps.publisher.publish(Topics.scanJobEvents, event);
    const stopReason = (): StopReason | undefined =>
      stop.aborted ? (stop.reason as StopReason) : undefined;

    if (stopReason() === 'cancelled') {
      await emitEvent({
        ...base,
        at: this.iso(),
        type: 'skipped',
        reason: 'CANCELLED',
        message: 'the scan was cancelled before this job started',
      });
      return;
    }
    await emitEvent({ ...base, at: this.iso(), type: 'started', worker: this.deps.worker });

    let session: AwsSession;
    try {
      session = await this.deps.sessions.session({
        tenantId: job.tenantId,
        scanId: job.scanId,
        roleChain: job.roleChain,
        ...(job.sourceIdentity !== undefined ? { sourceIdentity: job.sourceIdentity } : {}),
      });
    } catch (err) {
      const c = classifyAwsError(err);
      await emitEvent({
        ...base,
        at: this.iso(),
        type: 'failed',
        code: c.code,
        message: c.message.slice(0, 2000),
      });
      return;
    }

    const errors: ErrorRecord[] = [];
    const selection = selectChecks(job, this.deps.registry);
    for (const id of selection.unknownChecks) {
      errors.push({ checkId: id, code: 'UNKNOWN_CHECK', message: `no check has the id ${id}` });
    }
    for (const id of selection.unknownFrameworks) {
      errors.push({ code: 'UNKNOWN_FRAMEWORK', message: `framework ${id} is not supported` });
    }
    const sourceKind = job.sourceKind;
    const inspectorWanted = job.scope === 'account' && job.inspector.enabled;
    const selected = [...selection.selected];
    const coverage = this.deps.registry.find((c) => c.metadata.id === INSPECTOR_COVERAGE_CHECK);
    if (inspectorWanted && coverage !== undefined && !selected.includes(coverage)) {
      selected.push(coverage);
    }
    const checks = checksForJob(selected, job.scope, sourceKind);

    let regionCalls = 0;
    const regions = await this.regionsOf(job, session, () => {
      regionCalls += 1;
    });
    for (const failed of regions.failed) {
      errors.push({ region: failed.region, code: failed.code, message: failed.message });
    }

    let batchSeq = 0;
    const batcher = new ResultBatcher<CheckResult>(
      this.deps.tuning.resultBatchSize,
      async (results) => {
        await this.deps.publisher.publish(Topics.findingsRaw, {
          ...base,
          batchSeq: batchSeq++,
          producedAt: this.iso(),
          kind: 'check-results',
          results,
        });
      },
    );
    const scopeCounts: ScopeCount[] = [];
    const run = new CollectionRun(this.deps.clients, this.deps.catalogue, {
      session,
      homeRegion: session.stsRegion,
      regions: regions.scanned,
      signal: stop,
      collectorConcurrency: this.deps.tuning.collectorConcurrency,
      itemConcurrency: this.deps.tuning.itemConcurrency,
    });
    let inspector: InspectorSummary | undefined;
    try {
      const snapshot = await run.collect(requiredKeys(checks));
      await emitEvent({
        ...base,
        at: this.iso(),
        type: 'progress',
        regionsDone: regions.scanned.length,
        regionsTotal: regions.scanned.length,
        checksDone: 0,
      });
      const evaluations = evaluateChecks({
        checks,
        snapshot,
        jobScope: job.scope,
        context: {
          accountId: session.accountId,
          partition: session.partition,
          regions: {
            scanned: regions.scanned,
            enabled: regions.enabled,
            notEnabled: regions.notEnabled,
          },
          settings: effectiveSettings(job.settings),
          sourceKind,
          ...(job.ouSnapshot !== undefined ? { organization: job.ouSnapshot } : {}),
          now: startedAt,
        },
      });
      for (const evaluation of evaluations) {
        if (stop.aborted) break;
        this.record(evaluation, scopeCounts, errors);
        await batcher.add(evaluation.results);
      }
      await batcher.drain();
      if (!stop.aborted && inspectorWanted) {
        // Where Inspector2 scans the account (the coverage check's data); a registry without
        // that check pulls every scanned region.
        const statusIn = (r: string) =>
          coverage === undefined ? undefined : snapshot.regional('inspector2.status', r);
        const coveredRegions = regions.scanned.filter((r) => {
          const status = statusIn(r);
          return status === undefined || (status.ok && status.data.status === 'ENABLED');
        });
        const statusFailed = regions.scanned.some((r) => statusIn(r)?.ok === false);
        inspector = await this.deps.inspector.pull({
          job,
          session,
          regions: coveredRegions,
          signal: stop,
          emit: async (findings) => {
            if (findings.length === 0) return;
            await this.deps.publisher.publish(Topics.findingsRaw, {
              ...base,
              batchSeq: batchSeq++,
              producedAt: this.iso(),
              kind: 'inspector-findings',
              findings: [...findings],
            });
          },
        });
        errors.push(...inspector.errors);
        if (coveredRegions.length === 0) {
          inspector = { ...inspector, status: statusFailed ? 'ERROR' : 'NOT_ENABLED' };
        }
      }
    } catch (err) {
      if (!(err instanceof CollectionAborted)) throw err;
    } finally {
      run.close();
    }
    if (stopReason() === 'shutdown') throw new JobHandedBack(job.jobId);

    await emitEvent({
      ...base,
      at: this.iso(),
      type: 'finished',
      scopeCounts,
      batches: batchSeq,
      errors,
      regions: { scanned: regions.scanned, notEnabled: regions.notEnabled, failed: regions.failed },
      ...(inspector !== undefined
        ? {
            inspector: {
              status: inspector.status,
              findings: inspector.findings,
              watermarks: inspector.watermarks,
            },
          }
        : {}),
      sourceIdentityUsed: session.sourceIdentityUsed,
      timings: {
        startedAt: startedAt.toISOString(),
        durationMs: Math.max(0, this.now().getTime() - startedAt.getTime()),
      },
      apiCalls: regionCalls + run.apiCalls,
      cancelled: stopReason() === 'cancelled',
    });
  }

  private record(evaluation: ScopeEvaluation, counts: ScopeCount[], errors: ErrorRecord[]): void {
    counts.push({
      region: evaluation.region,
      checkId: evaluation.checkId,
      count: evaluation.results.length,
    });
    if (evaluation.error !== undefined) errors.push(evaluation.error);
  }

  /**
   * The regions to scan: the job's (or every enabled one), each probed; regions that exist but
   * are not enabled are evidence, requested ones that are not enabled or are denied are errors.
   */
  private async regionsOf(
    job: ScanJob,
    session: AwsSession,
    onCall: () => void,
  ): Promise<{
    scanned: string[];
    enabled: string[];
    notEnabled: string[];
    failed: { region: string; code: string; message: string }[];
  }> {
    const resolution = await resolveAccountRegions(
      this.deps.clients,
      session,
      job.regions.length > 0 ? job.regions : undefined,
      (client) => client.middlewareStack.use(countingPlugin(onCall, 'ec2')),
    );
    const optedOut = new Set(resolution.optedOut);
    const requested = new Set(job.regions);
    // Not enabled by the listing and not asked for: evidence. Asked for, or listed as enabled
    // but refusing the session (a probe failed): an error of this job.
    const failed = [
      ...resolution.notEnabled
        .filter((n) => requested.has(n.region) || !optedOut.has(n.region))
        .map((n) => ({
          region: n.region,
          code: n.code,
          message: `region ${n.region} is not enabled for account ${session.accountId}`,
        })),
      ...resolution.denied.map((d) => ({ region: d.region, code: d.code, message: d.message })),
    ];
    const notUsable = new Set(failed.map((f) => f.region));
    return {
      scanned: resolution.regions,
      enabled: resolution.enabled.filter((r) => !notUsable.has(r)),
      notEnabled: [
        ...new Set([...resolution.optedOut, ...resolution.notEnabled.map((n) => n.region)]),
      ].sort(),
      failed,
    };
  }

  private iso(): string {
    return this.now().toISOString();
  }
}
