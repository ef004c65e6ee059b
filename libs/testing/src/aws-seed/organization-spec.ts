// What `seedOrganization` builds: a management account, OUs nested to any depth with member
// accounts, accounts that are suspended or leave, moves to make later, policies on OUs.

export interface SeedAccountSpec {
  /** Unique within the organization; how tests refer to the account. */
  name: string;
  /** Default `<name>+<management account>@example.com`. */
  email?: string;
  tags?: Readonly<Record<string, string>>;
  /** Closed at seed time (moto then reports `State` and `Status` SUSPENDED). */
  suspended?: boolean;
  /**
   * Removed from the organization (RemoveAccountFromOrganization): `now` at seed time, or
   * `later` by `SeededOrganization.applyLaterChanges()` (after a first walk).
   */
  leave?: 'now' | 'later';
  /** OU path to move to in `applyLaterChanges()`, e.g. `Root/Workloads/Prod`. */
  moveTo?: string;
}

export interface SeedOuSpec {
  /** Unique among its siblings; no `/`. */
  name: string;
  tags?: Readonly<Record<string, string>>;
  accounts?: readonly SeedAccountSpec[];
  units?: readonly SeedOuSpec[];
}

export type SeedPolicyType =
  'SERVICE_CONTROL_POLICY' | 'TAG_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'AISERVICES_OPT_OUT_POLICY';

export interface SeedPolicySpec {
  /** Unique within the organization. */
  name: string;
  type: SeedPolicyType;
  /** A policy document (serialised as JSON) or its text. */
  content: string | object;
  description?: string;
  /** OU paths (`Root`, `Root/Sandbox`) or account names the policy is attached to. */
  targets: readonly string[];
}

export interface SeedDelegatedAdministratorSpec {
  /** Account name. */
  account: string;
  /** moto accepts only a few (guardduty, access-analyzer, macie, ssm, servicecatalog, config-multiaccountsetup). */
  servicePrincipals: readonly string[];
}

export interface OrganizationSpec {
  /** Default: a fresh random 12-digit id, so this organization shares nothing on the server. */
  managementAccountId?: string;
  featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  /** moto names the management account `master` (master@example.com); only tags can be set. */
  management?: { tags?: Readonly<Record<string, string>> };
  /** Accounts directly under the root. */
  accounts?: readonly SeedAccountSpec[];
  units?: readonly SeedOuSpec[];
  policies?: readonly SeedPolicySpec[];
  /** Policy types to enable on the root (default: the types of `policies`). */
  enablePolicyTypes?: readonly (SeedPolicyType | 'BACKUP_POLICY')[];
  delegatedAdministrators?: readonly SeedDelegatedAdministratorSpec[];
}

export const ROOT_PATH = 'Root';

/** One account of the spec with the OU path it is created in. */
export interface PlacedAccount {
  spec: SeedAccountSpec;
  ouPath: string;
}

/** One OU of the spec with its parent's path, parents before children. */
export interface PlacedOu {
  spec: SeedOuSpec;
  parentPath: string;
  path: string;
  depth: number;
}

export interface PlacedSpec {
  ous: PlacedOu[];
  accounts: PlacedAccount[];
}

/** Flattens the tree (breadth-first) and checks names, paths and references; throws listing every problem. */
export function placeSpec(spec: OrganizationSpec): PlacedSpec {
  const problems: string[] = [];
  const ous: PlacedOu[] = [];
  const accounts: PlacedAccount[] = [];
  const place = (list: readonly SeedAccountSpec[] | undefined, ouPath: string) => {
    for (const a of list ?? []) accounts.push({ spec: a, ouPath });
  };
  place(spec.accounts, ROOT_PATH);
  let level = (spec.units ?? []).map((u) => ({ spec: u, parentPath: ROOT_PATH, depth: 1 }));
  while (level.length > 0) {
    const next: typeof level = [];
    const seen = new Set<string>();
    for (const { spec: ou, parentPath, depth } of level) {
      if (ou.name.includes('/')) problems.push(`OU name "${ou.name}" contains "/"`);
      const path = `${parentPath}/${ou.name}`;
      if (seen.has(path)) problems.push(`two OUs at ${path}`);
      seen.add(path);
      ous.push({ spec: ou, parentPath, path, depth });
      place(ou.accounts, path);
      for (const child of ou.units ?? [])
        next.push({ spec: child, parentPath: path, depth: depth + 1 });
    }
    level = next;
  }
  const paths = new Set([ROOT_PATH, ...ous.map((o) => o.path)]);
  const names = new Set<string>();
  for (const { spec: a } of accounts) {
    if (names.has(a.name)) problems.push(`two accounts named "${a.name}"`);
    names.add(a.name);
    if (a.moveTo !== undefined && !paths.has(a.moveTo)) {
      problems.push(`account "${a.name}" moves to unknown OU path ${a.moveTo}`);
    }
  }
  for (const p of spec.policies ?? []) {
    for (const t of p.targets) {
      if (!paths.has(t) && !names.has(t)) problems.push(`policy "${p.name}" targets unknown ${t}`);
    }
  }
  for (const d of spec.delegatedAdministrators ?? []) {
    if (!names.has(d.account))
      problems.push(`delegated administrator "${d.account}" is no account`);
  }
  if (problems.length > 0) throw new Error(`invalid organization spec: ${problems.join('; ')}`);
  return { ous, accounts };
}
