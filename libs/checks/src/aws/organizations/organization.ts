// What the organization checks share: the job's OU snapshot, the organization's resource names,
// and each account with the units on its path.
import { type OuSnapshot } from '@palisade/contracts';
import { type CheckContext } from '../../framework/context';

export type OuUnit = OuSnapshot['units'][number];

/** The OU snapshot of the organization job (the job schema guarantees one). */
export function organizationOf(ctx: CheckContext): OuSnapshot {
  if (ctx.organization === undefined) {
    throw new Error('the organization job carries no OU snapshot');
  }
  return ctx.organization;
}

/** `arn:<partition>:organizations::<management>:organization/<org id>`. */
export function organizationArn(ctx: Pick<CheckContext, 'partition'>, org: OuSnapshot): string {
  return `arn:${ctx.partition}:organizations::${org.managementAccountId}:organization/${org.organizationId}`;
}

/** `arn:<partition>:organizations::<management>:account/<org id>/<account>`: Organizations' own ARN. */
export function organizationAccountArn(
  ctx: Pick<CheckContext, 'partition'>,
  org: OuSnapshot,
  accountId: string,
): string {
  return `arn:${ctx.partition}:organizations::${org.managementAccountId}:account/${org.organizationId}/${accountId}`;
}

export interface OrganizationAccount {
  accountId: string;
  /** The root or OU the account is directly in. */
  parent: OuUnit;
  /** The root first, down to `parent`. */
  ancestry: OuUnit[];
}

/** The units from the root down to `unitId` (inclusive). */
export function ancestryOf(org: OuSnapshot, unitId: string): OuUnit[] {
  const byId = new Map(org.units.map((u) => [u.id, u]));
  const chain: OuUnit[] = [];
  const seen = new Set<string>();
  let current = byId.get(unitId);
  while (current !== undefined && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return chain;
}

/** Every account of the snapshot with its place in the tree, sorted by account id. */
export function accountsOf(org: OuSnapshot): OrganizationAccount[] {
  const accounts: OrganizationAccount[] = [];
  for (const unit of org.units) {
    const ancestry = ancestryOf(org, unit.id);
    for (const accountId of unit.accountIds) accounts.push({ accountId, parent: unit, ancestry });
  }
  return accounts.sort((a, b) => a.accountId.localeCompare(b.accountId));
}
