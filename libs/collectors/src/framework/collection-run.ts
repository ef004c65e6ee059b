// Runs the collectors the selected checks need for one account: each (key, region) once,
// memoised, with bounded concurrency, errors kept as data (classified AWS error codes), and
// every AWS call attempt counted.
import {
  type AwsClientFactory,
  type AwsSession,
  type SdkClientConstructor,
  type SdkClientLike,
  classifyAwsError,
  mapBounded,
} from '@palisade/aws';
import {
  type Check,
  type CollectorKey,
  type GlobalKey,
  type Outcome,
  type RegionalKey,
  SnapshotBuilder,
  failed,
  isGlobalKey,
  ok,
} from '@palisade/checks';
import {
  type FinalizeRequestHandlerOptions,
  type Pluggable,
  type AbsoluteLocation,
} from '@smithy/types';
import { hasAwsCode } from './aws-error';
import { type CollectorContext, type CollectorDefinition } from './collector';

export interface CollectionRequest {
  readonly session: AwsSession;
  /** Where global collectors run (IAM, S3 listing): the partition's home region. */
  readonly homeRegion: string;
  /** The regions scanned. */
  readonly regions: readonly string[];
  readonly signal: AbortSignal;
  /** (key, region) pairs collected at once. */
  readonly collectorConcurrency: number;
  /** Per-item calls in flight per collector (a bucket's settings, a key's rotation). */
  readonly itemConcurrency: number;
}

/** A dependency of a collector failed: the dependent fails with the same code. */
class DependencyFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when the run was aborted (cancelled scan, shutdown). */
export class CollectionAborted extends Error {
  constructor() {
    super('collection aborted');
  }
}

/** Counts every attempt of a client's calls (retries included), after the retry middleware. */
export function countingPlugin<I extends object = object, O extends object = object>(
  onAttempt: (service: string) => void,
  service: string,
): Pluggable<I, O> {
  const options: FinalizeRequestHandlerOptions & AbsoluteLocation = {
    step: 'finalizeRequest',
    name: 'palisadeCountCalls',
    priority: 'low',
    override: true,
  };
  return {
    applyToStack: (stack) => {
      stack.add(
        (next) => (args) => {
          onAttempt(service);
          return next(args);
        },
        options,
      );
    },
  };
}

/** The collector keys some checks read, deduplicated. */
export function requiredKeys(checks: readonly Check[]): CollectorKey[] {
  return [...new Set(checks.flatMap((c) => c.metadata.requires))];
}

export class CollectionRun {
  private readonly memo = new Map<string, Promise<Outcome<unknown>>>();
  private readonly clients = new Map<string, SdkClientLike & { destroy?: () => void }>();
  private readonly calls = new Map<string, number>();

  constructor(
    private readonly factory: AwsClientFactory,
    private readonly catalogue: ReadonlyMap<CollectorKey, CollectorDefinition>,
    private readonly request: CollectionRequest,
  ) {}

  /** AWS call attempts made so far (retries included), in total and per service. */
  get apiCalls(): number {
    let total = 0;
    for (const n of this.calls.values()) total += n;
    return total;
  }

  get apiCallsByService(): ReadonlyMap<string, number> {
    return this.calls;
  }

  /** Collects every key (global once, regional per scanned region) into a snapshot. */
  async collect(keys: readonly CollectorKey[]): Promise<SnapshotBuilder> {
    const snapshot = new SnapshotBuilder();
    const units: { key: CollectorKey; region?: string }[] = [];
    for (const key of keys) {
      if (isGlobalKey(key)) units.push({ key });
      else for (const region of this.request.regions) units.push({ key, region });
    }
    await mapBounded(units, this.request.collectorConcurrency, async ({ key, region }) => {
      if (this.request.signal.aborted) throw new CollectionAborted();
      if (region === undefined) {
        snapshot.setGlobal(key as GlobalKey, (await this.outcome(key, undefined)) as never);
      } else {
        snapshot.setRegional(
          key as RegionalKey,
          region,
          (await this.outcome(key, region)) as never,
        );
      }
    });
    if (this.request.signal.aborted) throw new CollectionAborted();
    return snapshot;
  }

  /** Destroys the clients of this run (the factory's shared sockets stay open). */
  close(): void {
    for (const client of this.clients.values()) client.destroy?.();
    this.clients.clear();
  }

  private outcome(key: CollectorKey, region: string | undefined): Promise<Outcome<unknown>> {
    const memoKey = `${key}@${region ?? 'global'}`;
    let pending = this.memo.get(memoKey);
    if (pending === undefined) {
      pending = this.run(key, region);
      this.memo.set(memoKey, pending);
    }
    return pending;
  }

  private async run(key: CollectorKey, region: string | undefined): Promise<Outcome<unknown>> {
    const collector = this.catalogue.get(key);
    if (collector === undefined) {
      return failed('NO_COLLECTOR', `no collector provides ${key}`);
    }
    try {
      return ok(await collector.collect(this.context(region ?? this.request.homeRegion)));
    } catch (err) {
      if (err instanceof DependencyFailed) return failed(err.code, err.message);
      const classified = classifyAwsError(err);
      return failed(classified.code, classified.message);
    }
  }

  private context(region: string): CollectorContext {
    const { session } = this.request;
    async function attempt<T, A>(
      fn: () => Promise<T>,
      absent?: { codes: readonly string[]; value: A },
    ): Promise<Outcome<T | A>> {
      try {
        return ok(await fn());
      } catch (err) {
        if (absent !== undefined && hasAwsCode(err, absent.codes)) return ok(absent.value);
        const classified = classifyAwsError(err);
        return failed(classified.code, classified.message);
      }
    }
    return {
      accountId: session.accountId,
      partition: session.partition,
      region,
      signal: this.request.signal,
      client: <T extends SdkClientLike>(
        Client: SdkClientConstructor<T>,
        service: string,
        clientRegion = region,
      ): T => this.client(Client, service, clientRegion),
      global: async (key) => this.unwrap(key, await this.outcome(key, undefined)) as never,
      regional: async (key, r = region) => this.unwrap(key, await this.outcome(key, r)) as never,
      attempt: attempt,
      mapBounded: (items, fn) => mapBounded(items, this.request.itemConcurrency, fn),
    };
  }

  private unwrap(key: CollectorKey, outcome: Outcome<unknown>): unknown {
    if (outcome.ok) return outcome.data;
    throw new DependencyFailed(outcome.code, `${key}: ${outcome.message}`);
  }

  private client<T extends SdkClientLike>(
    Client: SdkClientConstructor<T>,
    service: string,
    region: string,
  ): T {
    const cacheKey = `${Client.name}@${region}`;
    const cached = this.clients.get(cacheKey);
    if (cached !== undefined) return cached as T;
    const client = this.factory.createClient(Client, {
      region,
      service,
      session: this.request.session,
    });
    client.middlewareStack.use(
      countingPlugin((s) => this.calls.set(s, (this.calls.get(s) ?? 0) + 1), service),
    );
    this.clients.set(cacheKey, client);
    return client;
  }
}
