import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { classifyAwsError } from '@palisade/aws';
import { type ScanJob, type ScanJobEvent, type ScanRequested, Topics } from '@palisade/contracts';
import { entry, type PublishEntry, Publisher, TransientError } from '@palisade/messaging';
import {
  type AccountsSourceConfig,
  DiscoveryTransactions,
  type NewScanJob,
  type OrganizationSourceConfig,
  parseTenantId,
  type ScanJobEntity,
  type SourceEntity,
  type TenantId,
} from '@palisade/persistence';
import { DISCOVERY_OPTIONS, type DiscoveryOptions } from '../discovery-options';
import { buildJob, failedEvent, type JobContext, skippedEvent } from './job-messages';
import { PreflightService } from './preflight.service';
import { sourceIdentityFor } from './role-chain';
import { type ScanTargets } from './scan-targets';
import { TargetResolver } from './target-resolver.service';

/** Check settings as a job carries them (plain JSON values). */
function toJobSettings(settings: object): ScanJob['settings'] {
  return JSON.parse(JSON.stringify(settings)) as ScanJob['settings'];
}

/** A request for a source that does not exist (or was deleted): nothing to scan, never retried. */
export class UnknownSourceError extends Error {
  readonly code = 'SOURCE_NOT_FOUND';
}

export interface FanOutResult {
  scanId: string;
  /** `redelivered`: the scan's jobs existed; the unacknowledged ones were emitted again. */
  outcome: 'emitted' | 'redelivered';
  jobs: number;
  skipped: number;
  failed: number;
}

interface Prepared {
  source: SourceEntity;
  jobs: ScanJobEntity[];
  externalId: string;
  settings: ScanJob['settings'];
}

/**
 * `scan.requested` → one job per in-scope account (plus the organization job), inserted once
 * and emitted to `scan.jobs`; skipped accounts and preflight failures emitted as job events so
 * the scan can close. A redelivered request re-emits every job not yet acknowledged and never
 * creates a second scan or job.
 */
@Injectable()
export class FanOutService {
  private readonly logger = new Logger(FanOutService.name);

  constructor(
    private readonly transactions: DiscoveryTransactions,
    private readonly resolver: TargetResolver,
    private readonly preflight: PreflightService,
    private readonly publisher: Publisher,
    @Inject(DISCOVERY_OPTIONS) private readonly options: DiscoveryOptions,
  ) {}

  async fanOut(request: ScanRequested): Promise<FanOutResult> {
    const tenantId = parseTenantId(request.tenantId);
    const prepared = await this.prepare(tenantId, request);
    if (prepared.jobs.length > 0) return this.reemit(tenantId, request, prepared.jobs);

    let targets: ScanTargets;
    try {
      targets = await this.resolver.resolve({
        tenantId,
        request,
        source: prepared.source,
        externalId: prepared.externalId,
      });
    } catch (error) {
      const classified = classifyAwsError(error);
      if (classified.retriable) {
        throw new TransientError(classified.code, classified.message, { cause: error });
      }
      return this.failDiscovery(tenantId, request, prepared.source, classified);
    }
    const jobs = await this.plan(tenantId, request, prepared, targets);
    return this.emitNew(tenantId, request, jobs);
  }

  private prepare(tenantId: TenantId, request: ScanRequested): Promise<Prepared> {
    return this.transactions.run(tenantId, async (repos) => {
      const source = await repos.sources.get(tenantId, request.sourceId);
      if (source === null) {
        throw new UnknownSourceError(
          `source ${request.sourceId} of scan ${request.scanId} does not exist`,
        );
      }
      if ((await repos.scans.get(tenantId, request.scanId)) === null) {
        await repos.scans.insertRequested(tenantId, request);
      }
      const settings = await repos.tenantSettings.ensure(tenantId);
      return {
        source,
        jobs: await repos.scanJobs.listByScan(tenantId, request.scanId),
        externalId: settings.externalId,
        settings: toJobSettings(await repos.tenantSettings.effectiveCheckSettings(tenantId)),
      };
    });
  }

  /** Preflight, then the rows to insert: each carries the message it will be emitted as. */
  private async plan(
    tenantId: TenantId,
    request: ScanRequested,
    prepared: Prepared,
    targets: ScanTargets,
  ): Promise<NewScanJob[]> {
    const preflight = prepared.source.preflight
      ? await this.preflight.check(
          tenantId,
          request.scanId,
          targets.accounts,
          this.options.preflightConcurrency,
        )
      : { failed: new Map<string, { code: string; message: string }>() };
    const watermarks = await this.transactions.run(tenantId, ({ inspectorWatermarks }) =>
      inspectorWatermarks.watermarksFor(
        tenantId,
        targets.accounts.map((a) => a.accountId),
      ),
    );
    const config = prepared.source.config;
    const ctx: JobContext = {
      request,
      sourceKind: targets.sourceKind,
      regions: request.regions ?? config.regions ?? [],
      settings: prepared.settings,
      ...(prepared.source.kind === 'organization' &&
      (config as OrganizationSourceConfig).inspectorDelegatedAdminAccountId !== undefined
        ? {
            inspectorDelegatedAdminAccountId: (config as OrganizationSourceConfig)
              .inspectorDelegatedAdminAccountId,
          }
        : {}),
      watermarks,
      issuedAt: new Date().toISOString(),
    };
    const sourceIdentity = sourceIdentityFor(tenantId);
    const rows: NewScanJob[] = targets.accounts.map((account) => {
      const id = randomUUID();
      const failure = preflight.failed.get(account.accountId);
      if (failure !== undefined) {
        return {
          id,
          scope: 'account',
          accountId: account.accountId,
          status: 'failed',
          errorCode: failure.code === 'ACCESS_DENIED' ? 'ASSUME_ROLE_DENIED' : failure.code,
          errorMessage: failure.message,
        };
      }
      const job = buildJob(ctx, { jobId: id, scope: 'account', ...account, sourceIdentity });
      return { id, scope: 'account', accountId: account.accountId, payload: job };
    });
    for (const skip of targets.skipped) {
      rows.push({
        id: randomUUID(),
        scope: 'account',
        accountId: skip.accountId,
        status: 'skipped',
        skipReason: skip.reason,
        errorMessage: skip.detail,
      });
    }
    if (targets.organization !== undefined) {
      const id = randomUUID();
      const { accountId, roleChain, ouSnapshot } = targets.organization;
      rows.push({
        id,
        scope: 'organization',
        accountId,
        payload: buildJob(ctx, {
          jobId: id,
          scope: 'organization',
          accountId,
          roleChain,
          sourceIdentity,
          ouSnapshot,
        }),
      });
    }
    return rows;
  }

  /**
   * The management role (or the base identity walking the organization) failed: denied, no
   * organization…; one failed job closes the scan.
   */
  private async failDiscovery(
    tenantId: TenantId,
    request: ScanRequested,
    source: SourceEntity,
    failure: { code: string; message: string },
  ): Promise<FanOutResult> {
    const accountIds =
      source.kind === 'organization'
        ? [
            (await this.resolver.managementAccountOf(
              tenantId,
              source.config as OrganizationSourceConfig,
            )) ?? '000000000000',
          ]
        : (request.scope.accountIds ??
          (source.config as AccountsSourceConfig).accounts.map((a) => a.accountId));
    this.logger.warn({ scanId: request.scanId, tenantId, code: failure.code }, 'discovery failed');
    return this.emitNew(
      tenantId,
      request,
      accountIds.map((accountId) => ({
        id: randomUUID(),
        scope: source.kind === 'organization' ? 'organization' : 'account',
        accountId,
        status: 'failed',
        errorCode: failure.code === 'ACCESS_DENIED' ? 'ASSUME_ROLE_DENIED' : failure.code,
        errorMessage: failure.message,
      })),
    );
  }

  private async emitNew(
    tenantId: TenantId,
    request: ScanRequested,
    rows: NewScanJob[],
  ): Promise<FanOutResult> {
    const { jobs } = await this.transactions.run(tenantId, ({ scanJobs }) =>
      scanJobs.insertJobs(tenantId, request.scanId, rows),
    );
    const result = await this.emit(tenantId, request, jobs);
    return { ...result, outcome: 'emitted' };
  }

  private async reemit(
    tenantId: TenantId,
    request: ScanRequested,
    jobs: ScanJobEntity[],
  ): Promise<FanOutResult> {
    const unacknowledged = jobs.filter((job) => job.acknowledgedAt === null);
    const result = await this.emit(tenantId, request, unacknowledged);
    return { ...result, outcome: 'redelivered' };
  }

  /** Publishes each job (or its event), then records when. */
  private async emit(
    tenantId: TenantId,
    request: ScanRequested,
    jobs: ScanJobEntity[],
  ): Promise<Omit<FanOutResult, 'outcome'>> {
    const at = new Date().toISOString();
    const entries: PublishEntry[] = [];
    const counts = { jobs: 0, skipped: 0, failed: 0 };
    for (const job of jobs) {
      if (job.status === 'skipped') {
        counts.skipped += 1;
        entries.push(entry(Topics.scanJobEvents, this.skipEvent(request, job, at)));
      } else if (job.status === 'failed') {
        counts.failed += 1;
        entries.push(
          entry(
            Topics.scanJobEvents,
            failedEvent(
              request,
              {
                jobId: job.id,
                accountId: job.accountId,
                code: job.errorCode ?? 'DISCOVERY_FAILED',
                message: job.errorMessage ?? '',
              },
              at,
            ),
          ),
        );
      } else if (job.payload !== null) {
        counts.jobs += 1;
        entries.push(entry(Topics.scanJobs, job.payload as ScanJob));
      }
    }
    await this.publisher.publishMany(entries);
    await this.transactions.run(tenantId, ({ scanJobs }) =>
      scanJobs.markEmitted(
        tenantId,
        jobs.map((job) => job.id),
        new Date(at),
      ),
    );
    this.logger.log({ scanId: request.scanId, tenantId, ...counts }, 'scan fanned out');
    return { scanId: request.scanId, ...counts };
  }

  private skipEvent(request: ScanRequested, job: ScanJobEntity, at: string): ScanJobEvent {
    const reason =
      job.skipReason === 'SUSPENDED' || job.skipReason === 'REMOVED'
        ? job.skipReason
        : 'OUT_OF_SCOPE';
    return skippedEvent(
      request,
      { jobId: job.id, accountId: job.accountId, reason, detail: job.errorMessage ?? reason },
      at,
    );
  }
}
