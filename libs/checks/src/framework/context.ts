import { type CheckSettings, type OuSnapshot } from '@palisade/contracts';

/** The AWS partition of the account (`aws`, `aws-us-gov`, `aws-cn`, ...). */
export type PartitionName = string;

/** Where and how a check is evaluated. Everything it needs arrives in the job. */
export interface CheckContext {
  readonly accountId: string;
  readonly partition: PartitionName;
  /** The region evaluated, or `global` for `account` and `organization` scoped checks. */
  readonly region: string;
  readonly regions: {
    /** Regions this job scanned (collected data exists for these). */
    readonly scanned: readonly string[];
    /** Every region enabled in the account (the benchmark's "all regions"). */
    readonly enabled: readonly string[];
    /** Regions that exist but are not enabled for the account (evidence, never failed). */
    readonly notEnabled: readonly string[];
  };
  readonly settings: Readonly<CheckSettings>;
  /** `organization` sources carry an organization; `accounts` sources do not. */
  readonly sourceKind: 'organization' | 'accounts';
  /** The OU snapshot of an organization job. */
  readonly organization?: OuSnapshot;
  /** The evaluation time (checks never read the clock themselves). */
  readonly now: Date;
}
