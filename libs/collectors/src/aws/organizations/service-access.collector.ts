// Services with trusted access to the organization (ListAWSServiceAccessForOrganization).
import {
  OrganizationsClient,
  paginateListAWSServiceAccessForOrganization,
} from '@aws-sdk/client-organizations';
import { type OrganizationServiceAccess } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const serviceAccessCollector = defineCollector({
  key: 'organizations.serviceAccess',
  scope: 'global',
  operations: ['organizations:ListAWSServiceAccessForOrganization'],
  async collect(ctx) {
    const client = ctx.client(OrganizationsClient, 'organizations');
    const services: OrganizationServiceAccess[] = [];
    for await (const page of paginateListAWSServiceAccessForOrganization({ client }, {})) {
      for (const s of page.EnabledServicePrincipals ?? []) {
        if (s.ServicePrincipal === undefined) continue;
        services.push({
          servicePrincipal: s.ServicePrincipal,
          ...(s.DateEnabled !== undefined ? { enabledAt: s.DateEnabled.toISOString() } : {}),
        });
      }
    }
    return services.sort((a, b) => a.servicePrincipal.localeCompare(b.servicePrincipal));
  },
});
