// Delegated administrators and the services each administers (ListDelegatedAdministrators,
// ListDelegatedServicesForAccount). Optional for the walk: failures become issues.
import {
  type DelegatedAdministrator as SdkDelegatedAdministrator,
  type DelegatedService,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
} from '@aws-sdk/client-organizations';
import { mapBounded } from '@palisade/aws';
import { type OrganizationsApi } from './organizations-api';
import { type DelegatedAdministrator, type WalkIssue } from './organization-inventory';
import { allPages } from './paginate';
import { walkIssue } from './walk-issue';

export interface DelegatedAdministratorsResult {
  delegatedAdministrators: DelegatedAdministrator[];
  issues: WalkIssue[];
}

export async function listDelegatedAdministrators(
  api: OrganizationsApi,
  opts: { concurrency: number; pageSize: number },
): Promise<DelegatedAdministratorsResult> {
  const issues: WalkIssue[] = [];
  let admins: SdkDelegatedAdministrator[];
  try {
    admins = await allPages('ListDelegatedAdministrators', async (NextToken) => {
      const out = await api.send(
        new ListDelegatedAdministratorsCommand({ MaxResults: opts.pageSize, NextToken }),
      );
      return { items: out.DelegatedAdministrators, nextToken: out.NextToken };
    });
  } catch (err) {
    return {
      delegatedAdministrators: [],
      issues: [walkIssue('ListDelegatedAdministrators', undefined, err)],
    };
  }
  const ids = admins.flatMap((a) => (a.Id !== undefined ? [a.Id] : [])).sort();
  const delegatedAdministrators = await mapBounded(ids, opts.concurrency, async (accountId) => {
    try {
      const services = await allPages<DelegatedService>(
        `ListDelegatedServicesForAccount ${accountId}`,
        async (NextToken) => {
          const out = await api.send(
            new ListDelegatedServicesForAccountCommand({
              AccountId: accountId,
              MaxResults: opts.pageSize,
              NextToken,
            }),
          );
          return { items: out.DelegatedServices, nextToken: out.NextToken };
        },
      );
      const servicePrincipals = services
        .flatMap((s) => (s.ServicePrincipal !== undefined ? [s.ServicePrincipal] : []))
        .sort();
      return { accountId, servicePrincipals };
    } catch (err) {
      // The registration itself is a fact; which services it covers is unknown (see the issue).
      issues.push(walkIssue('ListDelegatedServicesForAccount', accountId, err));
      return { accountId, servicePrincipals: [] };
    }
  });
  return { delegatedAdministrators, issues };
}
