import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { ancestryOf, organizationArn, organizationOf } from '../organization';
import { metadata } from './organizations_ou_structure_reviewed.metadata';

/** OUs listed in the evidence; the counts are always complete. */
const LISTED_UNITS = 200;

export const organizationsOuStructureReviewed = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const roots = collected.global('organizations.roots');
  if (!roots.ok) return [];
  const org = organizationOf(ctx);
  const root = org.units.find((u) => u.id === org.rootId);
  const ous = org.units
    .filter((u) => u.id !== org.rootId)
    .sort((a, b) => a.path.localeCompare(b.path));
  const atRoot = (root?.accountIds ?? []).filter((a) => a !== org.managementAccountId);
  const accounts = org.units.reduce((n, u) => n + u.accountIds.length, 0);
  const depth = Math.max(0, ...ous.map((u) => ancestryOf(org, u.id).length - 1));
  const policyTypes =
    (roots.data.find((r) => r.id === org.rootId) ?? roots.data[0])?.policyTypes ?? [];
  const evidence = {
    organizationId: org.organizationId,
    managementAccountId: org.managementAccountId,
    featureSet: org.featureSet ?? 'unknown',
    rootPolicyTypesEnabled: policyTypes.filter((t) => t.status === 'ENABLED').map((t) => t.type),
    ouCount: ous.length,
    depth,
    accountCount: accounts,
    accountsAtRoot: atRoot,
    units: ous.slice(0, LISTED_UNITS).map((u) => ({
      path: u.path,
      id: u.id,
      parentId: u.parentId,
      accountIds: u.accountIds,
    })),
    ...(ous.length > LISTED_UNITS ? { unitsListed: LISTED_UNITS } : {}),
  };
  const rootNote =
    atRoot.length === 0
      ? 'no member account directly under the root'
      : `${atRoot.length} member account${atRoot.length === 1 ? '' : 's'} directly under the root`;
  return [
    results.manual(
      organizationArn(ctx, org),
      `Organization ${org.organizationId}: ${ous.length} OU${ous.length === 1 ? '' : 's'} over ${depth} level${depth === 1 ? '' : 's'}, ${accounts} account${accounts === 1 ? '' : 's'}, ${rootNote}; review that OUs separate environments (production, non-production, sandbox) and sensitivity (security, log archive, workloads)`,
      evidence,
    ),
  ];
});
