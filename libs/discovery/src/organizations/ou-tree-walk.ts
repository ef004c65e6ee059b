// The OU tree, breadth-first: for each parent of a level (with bounded concurrency) its child
// OUs (ListOrganizationalUnitsForParent) and its accounts (ListAccountsForParent), so every
// account is found under its parent and gets that parent's OU path.
import {
  type Account,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  type OrganizationalUnit,
} from '@aws-sdk/client-organizations';
import { accountStateOf } from './account-state';
import { forEachBounded } from '@palisade/aws';
import { type OrganizationsApi } from './organizations-api';
import { type OrganizationAccount, type OrganizationUnit } from './organization-inventory';
import { childOuPath, escapeOuName } from './ou-path';
import { allPages } from './paginate';

export interface TreeWalkInput {
  rootId: string;
  rootName: string;
  concurrency: number;
  pageSize: number;
}

export interface TreeWalk {
  units: OrganizationUnit[];
  /** Without tags (see `account-tags.ts`). */
  accounts: OrganizationAccount[];
}

interface Parent {
  unit: OrganizationUnit;
  ancestorOuIds: string[];
}

function toAccount(a: Account, parent: Parent): OrganizationAccount | undefined {
  if (a.Id === undefined) return undefined;
  return {
    accountId: a.Id,
    name: a.Name ?? '',
    email: a.Email ?? '',
    state: accountStateOf(a),
    joinedAt: a.JoinedTimestamp ? a.JoinedTimestamp.toISOString() : null,
    ouId: parent.unit.id,
    ouPath: parent.unit.path,
    ancestorOuIds: parent.ancestorOuIds,
    tags: {},
  };
}

export async function walkOuTree(api: OrganizationsApi, input: TreeWalkInput): Promise<TreeWalk> {
  const root: OrganizationUnit = {
    id: input.rootId,
    name: input.rootName,
    parentId: null,
    path: escapeOuName(input.rootName),
  };
  const units: OrganizationUnit[] = [root];
  const accounts = new Map<string, OrganizationAccount>();
  let level: Parent[] = [{ unit: root, ancestorOuIds: [root.id] }];

  while (level.length > 0) {
    const next: Parent[] = [];
    const listChildren = async (parent: Parent): Promise<void> => {
      const ous = await allPages<OrganizationalUnit>(
        `ListOrganizationalUnitsForParent ${parent.unit.id}`,
        async (NextToken) => {
          const out = await api.send(
            new ListOrganizationalUnitsForParentCommand({
              ParentId: parent.unit.id,
              MaxResults: input.pageSize,
              NextToken,
            }),
          );
          return { items: out.OrganizationalUnits, nextToken: out.NextToken };
        },
      );
      for (const ou of ous) {
        if (ou.Id === undefined) continue;
        const name = ou.Name ?? ou.Id;
        const unit = {
          id: ou.Id,
          name,
          parentId: parent.unit.id,
          path: childOuPath(parent.unit.path, name),
        };
        units.push(unit);
        next.push({ unit, ancestorOuIds: [...parent.ancestorOuIds, unit.id] });
      }
    };
    const listAccounts = async (parent: Parent): Promise<void> => {
      const found = await allPages<Account>(
        `ListAccountsForParent ${parent.unit.id}`,
        async (NextToken) => {
          const out = await api.send(
            new ListAccountsForParentCommand({
              ParentId: parent.unit.id,
              MaxResults: input.pageSize,
              NextToken,
            }),
          );
          return { items: out.Accounts, nextToken: out.NextToken };
        },
      );
      for (const a of found) {
        const account = toAccount(a, parent);
        // An account moved while we walked may show up twice: keep the first sighting.
        if (account && !accounts.has(account.accountId)) accounts.set(account.accountId, account);
      }
    };
    const tasks = level.flatMap((parent) => [
      () => listChildren(parent),
      () => listAccounts(parent),
    ]);
    await forEachBounded(tasks, input.concurrency, (task) => task());
    level = next.sort((a, b) => a.unit.path.localeCompare(b.unit.path));
  }

  return {
    units: units.sort((a, b) => comparePaths(a.path, b.path)),
    accounts: [...accounts.values()].sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
}

/** Parents before children, siblings by name. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i += 1) {
    const c = (as[i] ?? '').localeCompare(bs[i] ?? '');
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}
