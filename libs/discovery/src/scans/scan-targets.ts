import { type OuSnapshot, type RoleHop } from '@palisade/contracts';
import { type SkipReason } from '../organizations';

/** An account a scan will run a job for. */
export interface TargetAccount {
  accountId: string;
  roleChain: RoleHop[];
}

/** What discovery resolved a scan request to, before preflight. */
export interface ScanTargets {
  sourceKind: 'organization' | 'accounts';
  accounts: TargetAccount[];
  skipped: { accountId: string; reason: SkipReason; detail: string }[];
  /** The organization job of an organization source. */
  organization?: { accountId: string; roleChain: RoleHop[]; ouSnapshot: OuSnapshot };
}
