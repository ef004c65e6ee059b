// The compliance arithmetic, pure: posture scores and requirement statuses by account and by OU
// from per-(account, check) counts of the findings' latest results. The score is the one of the
// normaliser's posture snapshots (libs/normaliser/src/posture/posture-fold.ts), so the live view
// and the trend agree.
import { type CatalogFramework, type FrameworkCatalog } from './framework-catalog';

/** Counted check findings of one account and check, by latest result; suppressed ones apart. */
export interface CheckTally {
  readonly accountId: string;
  readonly checkId: string;
  /** Not suppressed, last result PASS. */
  readonly passed: number;
  readonly failed: number;
  readonly manual: number;
  readonly errored: number;
  /** Suppressed (by a rule or by the source), whatever the result: out of the score. */
  readonly suppressed: number;
}

export interface Counts {
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
}

export interface Posture extends Counts {
  /** 100 × passed / (passed + failed), 2 decimals (half up); null when both are 0. */
  readonly score: number | null;
}

export const REQUIREMENT_STATUSES = ['pass', 'fail', 'error', 'manual', 'not_evaluated'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** How many requirements (or accounts, or OUs) are in each status. */
export interface StatusCounts {
  pass: number;
  fail: number;
  error: number;
  manual: number;
  notEvaluated: number;
}

export interface InventoryAccount {
  readonly accountId: string;
  readonly name: string | null;
  readonly ouId: string | null;
  readonly ouPath: string | null;
}

export interface InventoryOu {
  readonly ouId: string;
  readonly name: string;
  readonly path: string;
  readonly parentId: string | null;
}

export interface Inventory {
  readonly accounts: ReadonlyMap<string, InventoryAccount>;
  readonly ous: ReadonlyMap<string, InventoryOu>;
}

export interface AccountPosture {
  readonly accountId: string;
  readonly name: string | null;
  readonly ouId: string | null;
  readonly ouPath: string | null;
  readonly posture: Posture;
  /** The framework's requirements by their status in this account. */
  readonly requirements: StatusCounts;
}

export interface OuPosture {
  readonly ouId: string;
  readonly name: string;
  readonly path: string;
  readonly parentId: string | null;
  /** Evaluated accounts in the OU and its descendants. */
  readonly accounts: number;
  readonly posture: Posture;
  /** The framework's requirements by their status over the OU's accounts. */
  readonly requirements: StatusCounts;
}

export interface RequirementSummary {
  readonly id: string;
  readonly title: string;
  /** Over every selected account: the same rule as in one account, on all their results. */
  readonly status: RequirementStatus;
  /** The selected accounts by the requirement's status in each. */
  readonly accounts: StatusCounts;
}

export interface RequirementAccount {
  readonly accountId: string;
  readonly status: RequirementStatus;
  readonly posture: Posture;
}

export interface RequirementOu {
  readonly ouId: string;
  readonly path: string;
  readonly status: RequirementStatus;
  readonly accounts: StatusCounts;
}

export interface RequirementDetail extends RequirementSummary {
  readonly profile: string;
  readonly assessment: 'automated' | 'manual';
  readonly checkIds: string[];
  readonly posture: Posture;
  /** Accounts with results for this requirement. */
  readonly byAccount: RequirementAccount[];
  readonly byOu: RequirementOu[];
}

export interface FrameworkPosture<R extends RequirementSummary = RequirementSummary> {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly posture: Posture;
  /** The framework's requirements by their status over every selected account. */
  readonly requirementStatus: StatusCounts;
  readonly requirements: R[];
  readonly accounts: AccountPosture[];
  readonly ous: OuPosture[];
}

/** 100 × passed / (passed + failed) rounded half up to 2 decimals; null without either. */
export function postureScore(passed: number, failed: number): number | null {
  const total = passed + failed;
  return total === 0 ? null : Math.round((10_000 * passed) / total) / 100;
}

/**
 * A requirement's status from the counts of its checks' results: any FAIL → fail; else any
 * ERROR → error (an automated check could not decide); else any MANUAL → manual; else PASS
 * results only → pass; no result (or only suppressed ones) → not_evaluated.
 */
export function requirementStatus(counts: Counts): RequirementStatus {
  if (counts.failed > 0) return 'fail';
  if (counts.errored > 0) return 'error';
  if (counts.manual > 0) return 'manual';
  if (counts.passed > 0) return 'pass';
  return 'not_evaluated';
}

const zeroCounts = (): Counts => ({ passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 });
const zeroStatusCounts = (): StatusCounts => ({
  pass: 0,
  fail: 0,
  error: 0,
  manual: 0,
  notEvaluated: 0,
});

function add(into: Counts, from: Counts): void {
  into.passed += from.passed;
  into.failed += from.failed;
  into.manual += from.manual;
  into.errored += from.errored;
  into.suppressed += from.suppressed;
}

function postureOf(counts: Counts): Posture {
  return { ...counts, score: postureScore(counts.passed, counts.failed) };
}

function bump(counts: StatusCounts, status: RequirementStatus): void {
  if (status === 'not_evaluated') counts.notEvaluated += 1;
  else counts[status] += 1;
}

/** The OU and its ancestors, nearest first (a cycle or a missing parent ends the chain). */
function ouChain(ouId: string | null, ous: ReadonlyMap<string, InventoryOu>): InventoryOu[] {
  const chain: InventoryOu[] = [];
  const seen = new Set<string>();
  let current = ouId === null ? undefined : ous.get(ouId);
  while (current && !seen.has(current.ouId)) {
    chain.push(current);
    seen.add(current.ouId);
    current = current.parentId === null ? undefined : ous.get(current.parentId);
  }
  return chain;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One framework's posture over `tallies` (already narrowed to the selected accounts): the
 * framework's counts and score (a finding counts once per framework), each account's, each OU's
 * (the OU and its descendants pooled), and every requirement's status with how many accounts
 * are in each; with `detail`, every requirement's counts and status per account and per OU.
 * Accounts listed are those with at least one counted result for the framework's checks.
 */
export function foldFramework(
  framework: CatalogFramework,
  catalog: FrameworkCatalog,
  tallies: readonly CheckTally[],
  inventory: Inventory,
  detail: true,
): FrameworkPosture<RequirementDetail>;
export function foldFramework(
  framework: CatalogFramework,
  catalog: FrameworkCatalog,
  tallies: readonly CheckTally[],
  inventory: Inventory,
  detail: false,
): FrameworkPosture;
export function foldFramework(
  framework: CatalogFramework,
  catalog: FrameworkCatalog,
  tallies: readonly CheckTally[],
  inventory: Inventory,
  detail: boolean,
): FrameworkPosture<RequirementSummary | RequirementDetail> {
  const checks = new Set(framework.checkIds);
  const accountCounts = new Map<string, Counts>();
  // account → requirement → counts
  const cells = new Map<string, Map<string, Counts>>();
  for (const tally of tallies) {
    if (!checks.has(tally.checkId)) continue;
    let account = accountCounts.get(tally.accountId);
    if (!account) accountCounts.set(tally.accountId, (account = zeroCounts()));
    add(account, tally);
    let row = cells.get(tally.accountId);
    if (!row) cells.set(tally.accountId, (row = new Map<string, Counts>()));
    for (const requirementId of catalog.requirementsOf(tally.checkId, framework.id)) {
      let cell = row.get(requirementId);
      if (!cell) row.set(requirementId, (cell = zeroCounts()));
      add(cell, tally);
    }
  }
  const accountIds = [...accountCounts.keys()].sort(byString);
  const cellOf = (accountId: string, requirementId: string): Counts | undefined =>
    cells.get(accountId)?.get(requirementId);

  const accounts: AccountPosture[] = accountIds.map((accountId) => {
    const known = inventory.accounts.get(accountId);
    const requirements = zeroStatusCounts();
    for (const requirement of framework.requirements) {
      bump(requirements, requirementStatus(cellOf(accountId, requirement.id) ?? zeroCounts()));
    }
    return {
      accountId,
      name: known?.name ?? null,
      ouId: known?.ouId ?? null,
      ouPath: known?.ouPath ?? null,
      posture: postureOf(accountCounts.get(accountId) ?? zeroCounts()),
      requirements,
    };
  });

  // OU → its evaluated accounts (its own and its descendants').
  const ouAccounts = new Map<string, { ou: InventoryOu; accountIds: string[] }>();
  for (const accountId of accountIds) {
    for (const ou of ouChain(inventory.accounts.get(accountId)?.ouId ?? null, inventory.ous)) {
      let entry = ouAccounts.get(ou.ouId);
      if (!entry) ouAccounts.set(ou.ouId, (entry = { ou, accountIds: [] }));
      entry.accountIds.push(accountId);
    }
  }
  const ouEntries = [...ouAccounts.values()].sort(
    (a, b) => byString(a.ou.path, b.ou.path) || byString(a.ou.ouId, b.ou.ouId),
  );
  const pooled = (ids: readonly string[], requirementId: string): Counts => {
    const sum = zeroCounts();
    for (const id of ids) {
      const cell = cellOf(id, requirementId);
      if (cell) add(sum, cell);
    }
    return sum;
  };
  const ous: OuPosture[] = ouEntries.map(({ ou, accountIds: ids }) => {
    const counts = zeroCounts();
    for (const id of ids) add(counts, accountCounts.get(id) ?? zeroCounts());
    const requirements = zeroStatusCounts();
    for (const requirement of framework.requirements) {
      bump(requirements, requirementStatus(pooled(ids, requirement.id)));
    }
    return {
      ouId: ou.ouId,
      name: ou.name,
      path: ou.path,
      parentId: ou.parentId,
      accounts: ids.length,
      posture: postureOf(counts),
      requirements,
    };
  });

  const requirementStatusCounts = zeroStatusCounts();
  const requirements = framework.requirements.map((requirement) => {
    const total = pooled(accountIds, requirement.id);
    const status = requirementStatus(total);
    bump(requirementStatusCounts, status);
    const perAccount = zeroStatusCounts();
    for (const accountId of accountIds) {
      bump(perAccount, requirementStatus(cellOf(accountId, requirement.id) ?? zeroCounts()));
    }
    const summary: RequirementSummary = {
      id: requirement.id,
      title: requirement.title,
      status,
      accounts: perAccount,
    };
    if (!detail) return summary;
    const byAccount: RequirementAccount[] = [];
    for (const accountId of accountIds) {
      const cell = cellOf(accountId, requirement.id);
      if (cell)
        byAccount.push({ accountId, status: requirementStatus(cell), posture: postureOf(cell) });
    }
    const byOu: RequirementOu[] = ouEntries.map(({ ou, accountIds: ids }) => {
      const counts = zeroStatusCounts();
      for (const id of ids)
        bump(counts, requirementStatus(cellOf(id, requirement.id) ?? zeroCounts()));
      return {
        ouId: ou.ouId,
        path: ou.path,
        status: requirementStatus(pooled(ids, requirement.id)),
        accounts: counts,
      };
    });
    const requirementDetail: RequirementDetail = {
      ...summary,
      profile: requirement.profile,
      assessment: requirement.assessment,
      checkIds: [...requirement.checkIds],
      posture: postureOf(total),
      byAccount,
      byOu,
    };
    return requirementDetail;
  });

  const frameworkCounts = zeroCounts();
  for (const counts of accountCounts.values()) add(frameworkCounts, counts);
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    posture: postureOf(frameworkCounts),
    requirementStatus: requirementStatusCounts,
    requirements,
    accounts,
    ous,
  };
}
