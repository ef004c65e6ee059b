import { type FindingStatus } from '../lifecycle/status';

/** Who and where an observation comes from: the same for every result of one job. */
export interface FindingContext {
  readonly tenantId: string;
  readonly scanId: string;
  readonly jobId: string;
  /** `aws`, `aws-us-gov` or `aws-cn`. */
  readonly partition: string;
  readonly accountId: string;
  readonly accountName?: string;
  readonly org?: { readonly uid?: string; readonly ouUid?: string; readonly ouName?: string };
  /** Palisade's version. */
  readonly productVersion: string;
}

/** A finding row's lifecycle columns: the truth the OCSF document's status fields follow. */
export interface LifecycleFields {
  readonly status: FindingStatus;
  /** The id of the suppression rule that matches the finding. */
  readonly suppressedBy: string | null;
  /** Inspector2 reports the finding SUPPRESSED. */
  readonly sourceSuppressed: boolean;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
}
