// Empty pages that still carry a token: the first answer to a paginated call is an empty list
// with a proxy token; the request that sends that token back is forwarded as the original
// request, so a correct paginator sees an empty page and then the real data.
import { randomUUID } from 'node:crypto';

export interface PageKeys {
  listKey: string;
  tokenKey: string;
}

const ORGS_LIST_KEYS: Readonly<Record<string, string>> = {
  ListAccounts: 'Accounts',
  ListAccountsForParent: 'Accounts',
  ListOrganizationalUnitsForParent: 'OrganizationalUnits',
  ListChildren: 'Children',
  ListRoots: 'Roots',
  ListParents: 'Parents',
  ListPolicies: 'Policies',
  ListPoliciesForTarget: 'Policies',
  ListTargetsForPolicy: 'Targets',
  ListDelegatedAdministrators: 'DelegatedAdministrators',
  ListDelegatedServicesForAccount: 'DelegatedServices',
  ListCreateAccountStatus: 'CreateAccountStatuses',
  ListHandshakesForAccount: 'Handshakes',
  ListHandshakesForOrganization: 'Handshakes',
  ListAWSServiceAccessForOrganization: 'EnabledServicePrincipals',
  ListTagsForResource: 'Tags',
};

const INSPECTOR2_LIST_KEYS: Readonly<Record<string, string>> = {
  ListFindings: 'findings',
  ListMembers: 'members',
  ListDelegatedAdminAccounts: 'delegatedAdminAccounts',
  ListCoverage: 'coveredResources',
  ListFilters: 'filters',
};

/** The list and token members of a paginated operation's output, from the table or the rule. */
export function pageKeys(
  service: string,
  operation: string,
  override: { listKey?: string; tokenKey?: string },
): PageKeys | undefined {
  let known: PageKeys | undefined;
  const orgs = service === 'organizations' ? ORGS_LIST_KEYS[operation] : undefined;
  const insp = service === 'inspector2' ? INSPECTOR2_LIST_KEYS[operation] : undefined;
  if (orgs) known = { listKey: orgs, tokenKey: 'NextToken' };
  if (insp) known = { listKey: insp, tokenKey: 'nextToken' };
  const listKey = override.listKey ?? known?.listKey;
  if (!listKey) return undefined;
  return { listKey, tokenKey: override.tokenKey ?? known?.tokenKey ?? 'NextToken' };
}

export class EmptyPages {
  /** Proxy token → the body of the request the empty page answered. */
  private readonly originals = new Map<string, Buffer>();

  /** The empty page's body; remembers `originalBody` under a new token. */
  issue(keys: PageKeys, originalBody: Buffer): string {
    const token = `palisade-proxy-empty-page-${randomUUID()}`;
    this.originals.set(token, originalBody);
    return JSON.stringify({ [keys.listKey]: [], [keys.tokenKey]: token });
  }

  /** If the body carries a token this proxy issued, the original request's body. */
  originalFor(body: Buffer): Buffer | undefined {
    if (this.originals.size === 0 || !body.includes('palisade-proxy-empty-page-')) return undefined;
    const text = body.toString('utf8');
    for (const [token, original] of this.originals) {
      if (text.includes(token)) return original;
    }
    return undefined;
  }
}
