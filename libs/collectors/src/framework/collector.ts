// A collector: the only kind of code that calls AWS for checks. It reads one kind of data for
// one account (× region) and returns the typed value checks read from the snapshot.
import {
  type CollectedData,
  type CollectorKey,
  type GlobalCollected,
  type GlobalKey,
  type Outcome,
  type RegionalCollected,
  type RegionalKey,
} from '@palisade/checks';
import { type SdkClientConstructor, type SdkClientLike } from '@palisade/aws';

export interface CollectorContext {
  readonly accountId: string;
  readonly partition: string;
  /** The region it runs in; a global collector runs in the account's home region. */
  readonly region: string;
  /** A client for a service in this region (or another), built once per run, calls counted. */
  client<T extends SdkClientLike>(
    Client: SdkClientConstructor<T>,
    service: string,
    region?: string,
  ): T;
  /** Another collector's data (memoised: collected once per run); throws if that one failed. */
  global<K extends GlobalKey>(key: K): Promise<GlobalCollected[K]>;
  regional<K extends RegionalKey>(key: K, region?: string): Promise<RegionalCollected[K]>;
  /**
   * Runs one call about one item (a bucket's policy, a key's rotation) and keeps its error as
   * data, so one unreadable item makes one ERROR result instead of failing the collector.
   * `absentCodes` are AWS error codes meaning "not configured" (e.g. `NoSuchBucketPolicy`):
   * they give `absent` instead of an error.
   */
  attempt<T>(fn: () => Promise<T>): Promise<Outcome<T>>;
  attempt<T, A>(
    fn: () => Promise<T>,
    absent: { codes: readonly string[]; value: A },
  ): Promise<Outcome<T | A>>;
  /** Per-item calls with bounded concurrency (the factory also bounds per account × service). */
  mapBounded<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]>;
  /** Aborted when the job is cancelled or the worker shuts down. */
  readonly signal: AbortSignal;
}

/** An AWS call the collector makes: SigV4 signing name and operation, as the proxy logs it. */
export type OperationName = `${string}:${string}`;

export interface CollectorDefinition<K extends CollectorKey = CollectorKey> {
  readonly key: K;
  readonly scope: K extends GlobalKey ? 'global' : 'regional';
  /** Every `<signing-name>:<Operation>` it may call (the IAM policy is generated from these). */
  readonly operations: readonly OperationName[];
  collect(ctx: CollectorContext): Promise<CollectedData<K>>;
}

/** Type-checks a collector's scope against its key. */
export function defineCollector<K extends CollectorKey>(
  definition: CollectorDefinition<K>,
): CollectorDefinition<K> {
  return definition;
}
