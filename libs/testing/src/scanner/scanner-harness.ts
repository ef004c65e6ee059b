// Runs the scanner's JobRunner in the test process against moto (or the fault proxy in front of
// it), with the real credential chain, client factory, collectors and checks, capturing what it
// publishes.
import { randomUUID } from 'node:crypto';
import { type AwsClientFactory } from '@palisade/aws';
import { ALL_CHECKS, type Check } from '@palisade/checks';
import { collectorCatalogue } from '@palisade/collectors';
import {
  type CheckResult,
  DEFAULT_FRAMEWORK,
  effectiveSettings,
  type InspectorFinding,
  type ScanJob,
  type ScanJobEvent,
  SCHEMA_VERSION,
  Topics,
} from '@palisade/contracts';
import { InspectorStep, JobRunner, type JobRunnerTuning } from '@palisade/scanner';
import { testAwsAccess } from '../aws-seed/test-aws-access';
import { depsEnv } from '../deps/deps-env';
import { CapturingPublisher } from '../messaging/capturing-publisher';

const BASE_CREDENTIALS = {
  accessKeyId: 'AKIAPALISADESCANNER1',
  secretAccessKey: 'palisade-scanner-harness-secret-77a1',
};

/** An account job for `accountId` with the CIS framework, every region unless given. */
export function scanJobFor(accountId: string, overrides: Partial<ScanJob> = {}): ScanJob {
  return {
    schemaVersion: SCHEMA_VERSION,
    jobId: randomUUID(),
    scanId: randomUUID(),
    tenantId: randomUUID(),
    sourceId: randomUUID(),
    scope: 'account',
    sourceKind: 'accounts',
    accountId,
    roleChain: [
      {
        roleArn: `arn:aws:iam::${accountId}:role/PalisadeScanRole`,
        externalId: 'palisade-external-id-0123456789abcdef',
      },
    ],
    regions: ['eu-west-1'],
    checks: [],
    frameworks: [DEFAULT_FRAMEWORK],
    settings: effectiveSettings() as unknown as ScanJob['settings'],
    inspector: { enabled: false, watermarks: {} },
    issuedAt: new Date().toISOString(),
    ...overrides,
  };
}

export interface JobOutput {
  readonly events: ScanJobEvent[];
  readonly results: CheckResult[];
  readonly inspectorFindings: InspectorFinding[];
  readonly finished: Extract<ScanJobEvent, { type: 'finished' }> | undefined;
}

export interface ScannerHarness {
  readonly runner: JobRunner;
  readonly publisher: CapturingPublisher;
  readonly clients: AwsClientFactory;
  /** Runs a job to its end and returns what it emitted. */
  run(job: ScanJob, stop?: AbortSignal): Promise<JobOutput>;
  close(): void;
}

export interface ScannerHarnessOptions {
  /** Default: moto (PALISADE_MOTO_URL); pass the fault proxy's URL to inject faults. */
  endpointUrl?: string;
  /** AWS attempts per call (default 1: an unemulated call fails fast). */
  maxAttempts?: number;
  registry?: readonly Check[];
  tuning?: Partial<JobRunnerTuning>;
}

export function scannerHarness(options: ScannerHarnessOptions = {}): ScannerHarness {
  const { clients, sessions } = testAwsAccess({
    endpointUrl: options.endpointUrl ?? depsEnv('PALISADE_MOTO_URL'),
    maxAttempts: options.maxAttempts ?? 1,
    baseCredentials: BASE_CREDENTIALS,
  });
  const publisher = new CapturingPublisher();
  const runner = new JobRunner({
    sessions,
    clients,
    publisher,
    inspector: new InspectorStep(clients, sessions),
    catalogue: collectorCatalogue(),
    registry: options.registry ?? ALL_CHECKS,
    tuning: {
      collectorConcurrency: 8,
      itemConcurrency: 8,
      resultBatchSize: 500,
      ...options.tuning,
    },
    worker: 'scanner-harness',
  });
  return {
    runner,
    publisher,
    clients,
    async run(job, stop = new AbortController().signal) {
      const before = publisher.messages.length;
      await runner.run(job, stop);
      const mine = publisher.messages.slice(before);
      const raw = mine.filter((m) => m.topic === Topics.findingsRaw.name).map((m) => m.message);
      const events = mine
        .filter((m) => m.topic === Topics.scanJobEvents.name)
        .map((m) => m.message as ScanJobEvent);
      return {
        events,
        results: raw.flatMap((b) => {
          const batch = b as { kind: string; results?: CheckResult[] };
          return batch.kind === 'check-results' ? (batch.results ?? []) : [];
        }),
        inspectorFindings: raw.flatMap((b) => {
          const batch = b as { kind: string; findings?: InspectorFinding[] };
          return batch.kind === 'inspector-findings' ? (batch.findings ?? []) : [];
        }),
        finished: events.find(
          (e): e is Extract<ScanJobEvent, { type: 'finished' }> => e.type === 'finished',
        ),
      };
    },
    close() {
      clients.destroy();
    },
  };
}
