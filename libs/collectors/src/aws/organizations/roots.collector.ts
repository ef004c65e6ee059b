// The organization's root with the policy types it has enabled (ListRoots): the OU snapshot
// names the root but not which policy types (SCPs, RCPs) are in force.
import { OrganizationsClient, paginateListRoots } from '@aws-sdk/client-organizations';
import { type OrganizationRoot } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const rootsCollector = defineCollector({
  key: 'organizations.roots',
  scope: 'global',
  operations: ['organizations:ListRoots'],
  async collect(ctx) {
    const client = ctx.client(OrganizationsClient, 'organizations');
    const roots: OrganizationRoot[] = [];
    for await (const page of paginateListRoots({ client }, {})) {
      for (const r of page.Roots ?? []) {
        if (r.Id === undefined) continue;
        roots.push({
          id: r.Id,
          arn: r.Arn ?? '',
          name: r.Name ?? 'Root',
          policyTypes: (r.PolicyTypes ?? []).flatMap((t) =>
            t.Type !== undefined ? [{ type: t.Type, status: t.Status ?? 'UNKNOWN' }] : [],
          ),
        });
      }
    }
    return roots;
  },
});
