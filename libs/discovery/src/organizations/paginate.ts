// Follows NextToken to the end, including through EMPTY pages that still carry a token
// (Organizations does return those), with a guard against a token that never changes.

/** Organizations' largest page for most List* operations. */
export const ORGANIZATIONS_PAGE_SIZE = 20;

/** No real organization needs this many pages of one listing (100k accounts / 20). */
export const MAX_PAGES = 10_000;

export interface Page<T> {
  items: readonly T[] | undefined;
  nextToken: string | undefined;
}

export async function allPages<T>(
  what: string,
  fetchPage: (nextToken: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await fetchPage(token);
    if (page.items) items.push(...page.items);
    token = page.nextToken === '' ? undefined : page.nextToken;
    if (token === undefined) return items;
    if (seen.has(token)) throw new Error(`${what}: NextToken repeated after ${pages} pages`);
    if (pages >= MAX_PAGES) throw new Error(`${what}: more than ${MAX_PAGES} pages`);
    seen.add(token);
  }
}
