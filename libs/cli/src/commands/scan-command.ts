import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { issueOperatorKey, loadScanReport } from '@palisade/api';
import { withTenant } from '@palisade/persistence';
import { defaultDataDir } from '../embedded-db';
import { writeOutputs } from '../output/write-outputs';
import {
  CliError,
  createProgressReporter,
  DEFAULT_ORG_ROLE_NAME,
  describeFailOn,
  failOnExitCode,
  renderSummaryTable,
  resolveProgressMode,
  RoleNotAssumableError,
  type ScanCommand,
  type ServeCommand,
} from '../presentation';
import { startEmbeddedRuntime } from '../runtime/embedded-runtime';
import {
  ensureLocalTenant,
  FINISHED_SCAN_STATUSES,
  jobResultCounts,
  type LocalScanRequest,
  readScanProgress,
  type ScanProgress,
  startLocalScan,
} from '../scan/local-scan';
import { newlyFinishedJobs, progressEvents } from '../scan/progress-events';
import { type CliIo } from './cli-io';
import { callerIdentity } from './credentials';
import { embeddedEnv } from './embedded-env';
import { serveUntilInterrupted } from './serve';
import { openStorage, type OpenStorage } from './storage';
import { summaryFromReport } from './summary-model';

/** How often a running scan is read for the progress display. */
const POLL_MS = 500;
/** Error lines shown while scanning; every job's count still includes the rest. */
const MAX_ERROR_LINES = 10;

/** `palisade scan`: the whole pipeline in this process; the exit code for pipelines. */
export async function runScanCommand(command: ScanCommand, io: CliIo): Promise<number> {
  const startedAt = Date.now();
  const identity = await callerIdentity(io.env);
  io.err(`AWS identity: ${identity.arn}\n`);
  return withRuntime(command, io, async (runtime, storage, operatorKey) => {
    const request = scanRequest(command);
    const started = await startLocalScan(runtime.dataSource, request, identity.account);
    io.err(`scan ${started.scanId} started (logs: ${storage.logFile})\n`);
    const progress = await followScan(runtime.dataSource, started, command, io);
    if (progress.status === 'failed' && progress.jobs.every((job) => job.status === 'failed')) {
      throw scanFailure(progress, command.externalId !== undefined);
    }
    const report = await withTenant(runtime.dataSource, started.tenantId, (manager) =>
      loadScanReport(manager, started.tenantId, started.scanId),
    );
    if (report === null) throw new Error(`scan ${started.scanId} has no report`);
    const summary = summaryFromReport(report, Date.now() - startedAt);
    io.out(
      renderSummaryTable(summary, {
        color: io.terminal.color,
        ...(io.terminal.columns === undefined ? {} : { columns: io.terminal.columns }),
      }),
    );
    if (command.outputDir !== undefined) {
      const written = await writeOutputs(
        runtime.dataSource,
        started.tenantId,
        report,
        command.outputDir,
      );
      io.out(`\n${written.map((w) => `wrote ${w.path} (${w.findings} findings)`).join('\n')}\n`);
    }
    const code =
      command.failOn === undefined ? 0 : failOnExitCode(command.failOn, summary.openBySeverity);
    const verdict = describeFailOn(command.failOn, summary.openBySeverity);
    if (verdict !== undefined) io.out(`${verdict}\n`);
    if (command.serve !== undefined) {
      await serveUntilInterrupted(
        runtime.app,
        runtime.dataSource,
        started.tenantId,
        operatorKey,
        command.serve,
        io,
      );
    }
    return code;
  });
}

/** `palisade serve`: the api over the stored results until Ctrl-C. */
export async function runServeCommand(command: ServeCommand, io: CliIo): Promise<number> {
  return withRuntime(
    { storage: command.storage, serve: command.listen },
    io,
    async (runtime, _storage, operatorKey) => {
      const tenantId = await ensureLocalTenant(runtime.dataSource);
      await serveUntilInterrupted(
        runtime.app,
        runtime.dataSource,
        tenantId,
        operatorKey,
        command.listen,
        io,
      );
      return 0;
    },
  );
}

interface Storage extends OpenStorage {
  readonly logFile: string;
}

/** Storage up, the four services booted on it; both closed whatever happens. */
async function withRuntime(
  command: Pick<ScanCommand, 'storage' | 'serve'>,
  io: CliIo,
  work: (
    runtime: Awaited<ReturnType<typeof startEmbeddedRuntime>>,
    storage: Storage,
    operatorKey: string,
  ) => Promise<number>,
): Promise<number> {
  const opened = await openStorage(command.storage, io.env, (line) => io.err(`${line}\n`));
  try {
    const logFile = join(
      dirname(
        opened.dataDir ??
          defaultDataDir({ uid: process.getuid?.() ?? -1, home: homeOf(io), env: io.env }),
      ),
      'palisade.log',
    );
    mkdirSync(dirname(logFile), { recursive: true, mode: 0o700 });
    const operatorKey = issueOperatorKey();
    const runtime = await startEmbeddedRuntime(
      embeddedEnv(io.env, {
        databaseUrl: opened.serviceUrl,
        logFile,
        operatorKey,
        ...(command.serve === undefined ? {} : { listen: command.serve }),
      }),
    );
    try {
      return await work(runtime, { ...opened, logFile }, operatorKey);
    } finally {
      await runtime.close();
    }
  } finally {
    await opened.stop();
  }
}

function homeOf(io: CliIo): string {
  return io.env['HOME'] ?? '/tmp';
}

function scanRequest(command: ScanCommand): LocalScanRequest {
  const target: LocalScanRequest['target'] =
    command.target.kind === 'organization'
      ? {
          kind: 'organization',
          ...(command.target.managementRoleArn === undefined
            ? {}
            : { managementRoleArn: command.target.managementRoleArn }),
          memberRoleName: command.roleName || DEFAULT_ORG_ROLE_NAME,
        }
      : { kind: 'accounts', accountIds: command.target.accountIds, roleName: command.roleName };
  return {
    target,
    ...(command.externalId === undefined ? {} : { externalId: command.externalId }),
    ...(command.regions === undefined ? {} : { regions: command.regions }),
    ...(command.frameworks === undefined ? {} : { frameworks: command.frameworks }),
    ...(command.checks === undefined ? {} : { checks: command.checks }),
  };
}

/**
 * Reads the scan every POLL_MS until it ends, feeding the progress display. Ctrl-C leaves the
 * wait with the scan as it is (its jobs time out as stale on a later run).
 */
async function followScan(
  dataSource: Parameters<typeof readScanProgress>[0],
  started: Parameters<typeof readScanProgress>[1],
  command: ScanCommand,
  io: CliIo,
): Promise<ScanProgress> {
  const reporter = createProgressReporter({
    mode: resolveProgressMode(command.progress, {
      isTTY: io.terminal.isTTY,
      ...(io.env['TERM'] === undefined ? {} : { term: io.env['TERM'] }),
    }),
    write: io.err,
    ...(io.terminal.columns === undefined ? {} : { columns: io.terminal.columns }),
    color: io.terminal.color,
  });
  let interrupted = false;
  let errorLines = 0;
  const unsubscribe = io.onInterrupt(() => {
    interrupted = true;
  });
  try {
    let before: ScanProgress | undefined;
    for (;;) {
      const now = await readScanProgress(dataSource, started);
      const finished = newlyFinishedJobs(before, now).map((job) => job.jobId);
      const counts = await jobResultCounts(dataSource, started, finished);
      for (const event of progressEvents(before, now, counts)) {
        if (event.kind === 'error' && (errorLines += 1) > MAX_ERROR_LINES) continue;
        reporter.report(event);
      }
      before = now;
      if (FINISHED_SCAN_STATUSES.includes(now.status)) {
        reporter.report({ kind: 'finished' });
        if (errorLines > MAX_ERROR_LINES) {
          io.err(
            `${errorLines - MAX_ERROR_LINES} more errors not shown: the report lists them all (findings with status error)\n`,
          );
        }
        return now;
      }
      if (interrupted) {
        throw new CliError(
          'INTERRUPTED',
          `scan ${started.scanId} interrupted`,
          'its results so far are kept; run the scan again to complete them',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    unsubscribe();
    reporter.close();
  }
}

/** Every job failed (the management role, the credentials): the first error, in one line. */
function scanFailure(progress: ScanProgress, withExternalId: boolean): CliError {
  const first = progress.jobs.flatMap((job) => job.errors)[0];
  if (first === undefined) {
    return new CliError('SCAN_FAILED', `the scan failed: ${progress.error ?? 'no job ran'}`);
  }
  const refusedRole = /arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+/.exec(first.message)?.[0];
  if (first.code === 'ASSUME_ROLE_DENIED' && refusedRole !== undefined) {
    return new RoleNotAssumableError({
      roleArn: refusedRole,
      awsCode: /\b(AccessDenied|[A-Z]\w+Exception)\b/.exec(first.message)?.[1] ?? 'AccessDenied',
      withExternalId,
    });
  }
  return new CliError(first.code, `the scan failed: ${first.code}: ${first.message}`);
}
