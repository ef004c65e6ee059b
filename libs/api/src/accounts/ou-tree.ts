/** An OU (or the root) of one organization source, as the inventory holds it. */
export interface OuRow {
  readonly ouId: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Names from the root: `/Root/Workloads/Prod`. */
  readonly path: string;
}

export interface OuNode {
  id: string;
  name: string;
  path: string;
  /** Accounts directly in this OU. */
  accountCount: number;
  /** Accounts in this OU and every OU beneath it. */
  totalAccountCount: number;
  children: OuNode[];
}

export interface OuRef {
  id: string;
  name: string;
}

function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The OUs of one source as a tree: roots are the units without a parent among them (the
 * organization root, or an OU whose parent is gone), children sorted by name, account counts
 * summed up the tree. A unit reached twice (a cycle in bad data) is not repeated.
 */
export function buildOuTree(
  units: readonly OuRow[],
  accountsPerOu: ReadonlyMap<string, number>,
): OuNode[] {
  const ids = new Set(units.map((unit) => unit.ouId));
  const children = new Map<string, OuRow[]>();
  const roots: OuRow[] = [];
  for (const unit of units) {
    if (unit.parentId === null || !ids.has(unit.parentId)) {
      roots.push(unit);
      continue;
    }
    const siblings = children.get(unit.parentId) ?? [];
    siblings.push(unit);
    children.set(unit.parentId, siblings);
  }
  const placed = new Set<string>();
  const build = (unit: OuRow): OuNode => {
    placed.add(unit.ouId);
    const kids = (children.get(unit.ouId) ?? [])
      .filter((child) => !placed.has(child.ouId))
      .map(build)
      .sort(byName);
    const own = accountsPerOu.get(unit.ouId) ?? 0;
    return {
      id: unit.ouId,
      name: unit.name,
      path: unit.path,
      accountCount: own,
      totalAccountCount: own + kids.reduce((sum, kid) => sum + kid.totalAccountCount, 0),
      children: kids,
    };
  };
  return roots.map(build).sort(byName);
}

/** The OUs from the root down to `ouId` (included), by id and name; empty without an OU. */
export function ouAncestry(ouId: string | null, units: ReadonlyMap<string, OuRow>): OuRef[] {
  const chain: OuRef[] = [];
  const seen = new Set<string>();
  let current = ouId === null ? undefined : units.get(ouId);
  while (current !== undefined && !seen.has(current.ouId)) {
    seen.add(current.ouId);
    chain.push({ id: current.ouId, name: current.name });
    current = current.parentId === null ? undefined : units.get(current.parentId);
  }
  return chain.reverse();
}
