// What one walk of AWS Organizations found: the OU tree, every account with its OU path, state
// and tags, delegated administrators and (when asked) the policies and their targets.

/** `State` of an account (its deprecated `Status` when `State` is absent). */
export const ACCOUNT_STATES = [
  'ACTIVE',
  'SUSPENDED',
  'PENDING_CLOSURE',
  'CLOSED',
  'PENDING_ACTIVATION',
  'UNKNOWN',
] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** The root or an organizational unit. */
export interface OrganizationUnit {
  id: string;
  name: string;
  /** `null` for the root. */
  parentId: string | null;
  /** Names from the root down, `/`-separated: `Root/Workloads/Prod` (see `ouPathOf`). */
  path: string;
}

export interface OrganizationAccount {
  accountId: string;
  name: string;
  email: string;
  state: AccountState;
  /** ISO-8601, or `null` when Organizations did not say. */
  joinedAt: string | null;
  /** The account's parent: an OU id or the root id. */
  ouId: string;
  ouPath: string;
  /** Ids from the root down to `ouId` (inclusive): what OU scope filters match against. */
  ancestorOuIds: string[];
  tags: Record<string, string>;
}

export interface DelegatedAdministrator {
  accountId: string;
  servicePrincipals: string[];
}

export interface OrganizationPolicy {
  id: string;
  /** `SERVICE_CONTROL_POLICY`, `TAG_POLICY`, `BACKUP_POLICY`, ... */
  type: string;
  name: string;
  awsManaged: boolean;
  /** The policy document as Organizations returns it (JSON text). */
  content: string;
  /** Roots, OUs and accounts the policy is attached to. */
  targetIds: string[];
}

/** A part of the walk that failed and was left out (recorded, never silently empty). */
export interface WalkIssue {
  /** The Organizations operation that failed, e.g. `ListPolicies`. */
  operation: string;
  /** What it was about: a policy type, an account id, ... */
  subject?: string;
  /** Classified code (`ACCESS_DENIED`, `AWS_ERROR`, ...). */
  code: string;
  /** AWS's own error code, e.g. `PolicyTypeNotEnabledException`. */
  awsCode?: string;
  message: string;
}

export interface OrganizationInventory {
  organizationId: string;
  managementAccountId: string;
  featureSet: string;
  rootId: string;
  /** Policy types the root has enabled (`PolicyTypes` with status `ENABLED`). */
  enabledPolicyTypes: string[];
  /** The root first, then every OU; sorted by path. */
  units: OrganizationUnit[];
  /** Sorted by account id. */
  accounts: OrganizationAccount[];
  delegatedAdministrators: DelegatedAdministrator[];
  /** Empty unless the walk was asked for policies. */
  policies: OrganizationPolicy[];
  /** Optional parts (delegated administrators, policies) that failed and were left out. */
  issues: WalkIssue[];
  /** Organizations calls the walk made (retries of one call not counted: see the proxy log). */
  calls: number;
  callsByOperation: Record<string, number>;
  walkedAt: string;
}
