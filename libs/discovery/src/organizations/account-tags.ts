// Tags of every account (ListTagsForResource, bounded concurrency): scope filters match on them.
import { ListTagsForResourceCommand, type Tag } from '@aws-sdk/client-organizations';
import { forEachBounded } from '@palisade/aws';
import { type OrganizationsApi } from './organizations-api';
import { type OrganizationAccount } from './organization-inventory';
import { allPages } from './paginate';

export async function tagsOf(
  api: OrganizationsApi,
  resourceId: string,
): Promise<Record<string, string>> {
  const tags = await allPages<Tag>(`ListTagsForResource ${resourceId}`, async (NextToken) => {
    const out = await api.send(
      new ListTagsForResourceCommand({ ResourceId: resourceId, NextToken }),
    );
    return { items: out.Tags, nextToken: out.NextToken };
  });
  const result: Record<string, string> = {};
  for (const t of tags) if (t.Key !== undefined) result[t.Key] = t.Value ?? '';
  return result;
}

/** Fills `tags` of each account in place. A failure fails the walk: scope filters need tags. */
export async function addAccountTags(
  api: OrganizationsApi,
  accounts: readonly OrganizationAccount[],
  concurrency: number,
): Promise<void> {
  await forEachBounded(accounts, concurrency, async (account) => {
    account.tags = await tagsOf(api, account.accountId);
  });
}
