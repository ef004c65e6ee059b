// The OU snapshot the organization job carries (contracts' `OuSnapshot`), from an inventory.
import { type OuSnapshot, ouSnapshotSchema } from '@palisade/contracts';
import { type OrganizationInventory } from './organization-inventory';

/**
 * Every unit (root first) with the accounts directly in it (all states: the snapshot describes
 * the structure) and the policies attached to it. Validated against the contract.
 */
export function toOuSnapshot(inventory: OrganizationInventory): OuSnapshot {
  const accountsByOu = new Map<string, string[]>();
  for (const a of inventory.accounts) {
    const list = accountsByOu.get(a.ouId) ?? [];
    list.push(a.accountId);
    accountsByOu.set(a.ouId, list);
  }
  const policiesByTarget = new Map<string, string[]>();
  for (const p of inventory.policies) {
    for (const target of p.targetIds) {
      const list = policiesByTarget.get(target) ?? [];
      list.push(p.id);
      policiesByTarget.set(target, list);
    }
  }
  return ouSnapshotSchema.parse({
    organizationId: inventory.organizationId,
    managementAccountId: inventory.managementAccountId,
    rootId: inventory.rootId,
    featureSet: inventory.featureSet,
    units: inventory.units.map((u) => ({
      id: u.id,
      name: u.name,
      path: u.path,
      parentId: u.parentId,
      accountIds: (accountsByOu.get(u.id) ?? []).sort(),
      policyIds: (policiesByTarget.get(u.id) ?? []).sort(),
    })),
    policies: inventory.policies.map((p) => ({
      id: p.id,
      type: p.type,
      name: p.name,
      content: p.content,
      targetIds: p.targetIds,
    })),
    delegatedAdministrators: inventory.delegatedAdministrators.map((d) => ({
      accountId: d.accountId,
      servicePrincipals: d.servicePrincipals,
    })),
  });
}
