// Which accounts of an inventory a scan covers. Pure. Exclusions win over inclusions; an
// account that is in scope but not ACTIVE is skipped with the reason its state gives.
import { type AccountState, type OrganizationAccount } from './organization-inventory';

/** Matches an account carrying tag `key` with any of `values` (any value when none given). */
export interface TagFilter {
  key: string;
  values?: readonly string[];
}

export interface AccountScope {
  /** OU or root ids; an OU includes everything beneath it. */
  includeOus?: readonly string[];
  excludeOus?: readonly string[];
  includeAccounts?: readonly string[];
  excludeAccounts?: readonly string[];
  /** Every filter must match (AND). */
  includeTags?: readonly TagFilter[];
  /** Any filter that matches excludes (OR). */
  excludeTags?: readonly TagFilter[];
}

export type SkipReason = 'OUT_OF_SCOPE' | 'SUSPENDED' | 'REMOVED';

export interface SkippedAccount {
  accountId: string;
  reason: SkipReason;
  /** The account's state, when it is in the organization. */
  state?: AccountState;
  /** Why, for people: `excluded by OU ou-ab12-34567890`, `state SUSPENDED`, ... */
  detail: string;
}

/** What scoping reads of an account (an inventory account, or a stored row shaped like it). */
export type ScopableAccount = Pick<
  OrganizationAccount,
  'accountId' | 'state' | 'ancestorOuIds' | 'tags'
>;

export interface ScopeResult<A extends ScopableAccount = OrganizationAccount> {
  inScope: A[];
  skipped: SkippedAccount[];
}

export interface ApplyScopeOptions {
  /** Accounts known from an earlier walk: those now absent are skipped as REMOVED. */
  previouslyKnownAccountIds?: Iterable<string>;
}

function tagMatches(account: ScopableAccount, filter: TagFilter): boolean {
  const value = account.tags[filter.key];
  if (value === undefined) return false;
  return !filter.values || filter.values.length === 0 || filter.values.includes(value);
}

function inAnyOu(account: ScopableAccount, ouIds: ReadonlySet<string>): string | undefined {
  return account.ancestorOuIds.find((id) => ouIds.has(id));
}

/** Why the scope leaves the account out, or `undefined` when the scope covers it. */
function outOfScope(account: ScopableAccount, scope: AccountScope): string | undefined {
  const id = account.accountId;
  if (scope.excludeAccounts?.includes(id)) return 'excluded by account id';
  const excludedOu = inAnyOu(account, new Set(scope.excludeOus ?? []));
  if (excludedOu !== undefined) return `excluded by OU ${excludedOu}`;
  const excludedTag = scope.excludeTags?.find((f) => tagMatches(account, f));
  if (excludedTag) return `excluded by tag ${excludedTag.key}`;

  const includeOus = scope.includeOus ?? [];
  const includeAccounts = scope.includeAccounts ?? [];
  if (includeOus.length > 0 || includeAccounts.length > 0) {
    const included =
      includeAccounts.includes(id) || inAnyOu(account, new Set(includeOus)) !== undefined;
    if (!included) return 'not in the included OUs or accounts';
  }
  const missingTag = scope.includeTags?.find((f) => !tagMatches(account, f));
  if (missingTag) return `lacks included tag ${missingTag.key}`;
  return undefined;
}

function reasonForState(state: AccountState): SkipReason | undefined {
  switch (state) {
    case 'ACTIVE':
      return undefined;
    case 'CLOSED':
      return 'REMOVED';
    case 'SUSPENDED':
    case 'PENDING_CLOSURE':
    case 'PENDING_ACTIVATION':
    case 'UNKNOWN':
      return 'SUSPENDED';
  }
}

export function applyScope<A extends ScopableAccount>(
  accounts: readonly A[],
  scope: AccountScope = {},
  opts: ApplyScopeOptions = {},
): ScopeResult<A> {
  const inScope: A[] = [];
  const skipped: SkippedAccount[] = [];
  const present = new Set<string>();
  for (const account of accounts) {
    const { accountId, state } = account;
    present.add(accountId);
    const why = outOfScope(account, scope);
    if (why !== undefined) {
      skipped.push({ accountId, reason: 'OUT_OF_SCOPE', state, detail: why });
      continue;
    }
    const reason = reasonForState(state);
    if (reason === undefined) inScope.push(account);
    else skipped.push({ accountId, reason, state, detail: `state ${state}` });
  }
  const excluded = new Set(scope.excludeAccounts ?? []);
  const gone = new Set<string>();
  for (const id of [...(scope.includeAccounts ?? []), ...(opts.previouslyKnownAccountIds ?? [])]) {
    if (!present.has(id) && !excluded.has(id)) gone.add(id);
  }
  for (const accountId of [...gone].sort()) {
    skipped.push({ accountId, reason: 'REMOVED', detail: 'no longer in the organization' });
  }
  return { inScope, skipped };
}
