// One walk of AWS Organizations with the management (or delegated-admin) role's client:
// DescribeOrganization, ListRoots, the OU tree breadth-first with every account under its
// parent, account tags, delegated administrators, and (when asked) policies. Pure over the
// client: no database, no clock but `now`. Throttling is the client's job (its retries).
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  type Root,
} from '@aws-sdk/client-organizations';
import { addAccountTags } from './account-tags';
import { listDelegatedAdministrators } from './delegated-administrators';
import { listPolicies, policyTypesToList } from './organization-policies';
import { type OrganizationInventory, type WalkIssue } from './organization-inventory';
import { CallCounter, countingApi, type OrganizationsApi } from './organizations-api';
import { walkOuTree } from './ou-tree-walk';
import { allPages, ORGANIZATIONS_PAGE_SIZE } from './paginate';

export interface WalkOrganizationOptions {
  /** Policies with documents and targets, for the organization job's OU snapshot (default false). */
  includePolicies?: boolean;
  /** Policy types to list (default: SCPs, plus tag and backup policies when the root enables them). */
  policyTypes?: readonly string[];
  /** Delegated administrators and their services (default true). */
  includeDelegatedAdministrators?: boolean;
  /** Calls in flight at once (default 4); the client factory's per-account limit also applies. */
  concurrency?: number;
  /** `MaxResults` of every paged call (default 20, Organizations' maximum for most lists). */
  pageSize?: number;
  now?: () => Date;
}

/** Thrown when the organization itself cannot be read (no organization, denied, ...). */
export class OrganizationWalkError extends Error {
  override readonly name = 'OrganizationWalkError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

async function theRoot(api: OrganizationsApi, pageSize: number): Promise<Root & { Id: string }> {
  const roots = await allPages<Root>('ListRoots', async (NextToken) => {
    const out = await api.send(new ListRootsCommand({ MaxResults: pageSize, NextToken }));
    return { items: out.Roots, nextToken: out.NextToken };
  });
  const root = roots.find((r): r is Root & { Id: string } => r.Id !== undefined);
  if (!root || roots.length !== 1) {
    throw new OrganizationWalkError(
      `expected exactly one root, Organizations listed ${roots.length}`,
    );
  }
  return root;
}

/**
 * Walks the organization the client's credentials manage. Errors reading the organization,
 * its tree, accounts or tags are thrown (classify them with `classifyAwsError`); failures of
 * the optional parts (delegated administrators, policies) are recorded in `issues`.
 */
export async function walkOrganization(
  client: OrganizationsApi,
  opts: WalkOrganizationOptions = {},
): Promise<OrganizationInventory> {
  const concurrency = opts.concurrency ?? 4;
  const pageSize = opts.pageSize ?? ORGANIZATIONS_PAGE_SIZE;
  const counter = new CallCounter();
  const api = countingApi(client, counter);

  const described = await api.send(new DescribeOrganizationCommand({}));
  const org = described.Organization;
  if (org?.Id === undefined || org.MasterAccountId === undefined) {
    throw new OrganizationWalkError(
      'DescribeOrganization returned no organization id or management account',
    );
  }
  const root = await theRoot(api, pageSize);
  const enabledPolicyTypes = (root.PolicyTypes ?? [])
    .filter((t) => t.Status === 'ENABLED' && t.Type !== undefined)
    .map((t) => t.Type as string)
    .sort();

  const tree = await walkOuTree(api, {
    rootId: root.Id,
    rootName: root.Name ?? 'Root',
    concurrency,
    pageSize,
  });
  await addAccountTags(api, tree.accounts, concurrency);

  const issues: WalkIssue[] = [];
  let delegatedAdministrators: OrganizationInventory['delegatedAdministrators'] = [];
  if (opts.includeDelegatedAdministrators ?? true) {
    const r = await listDelegatedAdministrators(api, { concurrency, pageSize });
    delegatedAdministrators = r.delegatedAdministrators;
    issues.push(...r.issues);
  }
  let policies: OrganizationInventory['policies'] = [];
  if (opts.includePolicies ?? false) {
    const types = opts.policyTypes ?? policyTypesToList(enabledPolicyTypes);
    const r = await listPolicies(api, types, { concurrency, pageSize });
    policies = r.policies;
    issues.push(...r.issues);
  }

  return {
    organizationId: org.Id,
    managementAccountId: org.MasterAccountId,
    featureSet: org.FeatureSet ?? 'UNKNOWN',
    rootId: root.Id,
    enabledPolicyTypes,
    units: tree.units,
    accounts: tree.accounts,
    delegatedAdministrators,
    policies,
    issues,
    calls: counter.calls,
    callsByOperation: { ...counter.byOperation },
    walkedAt: (opts.now ?? (() => new Date()))().toISOString(),
  };
}
