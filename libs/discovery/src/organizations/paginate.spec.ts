import { allPages, MAX_PAGES } from './paginate';

describe('allPages', () => {
  it('should follow NextToken through empty pages to the last page', async () => {
    const pages: Record<string, { items: number[]; nextToken: string | undefined }> = {
      start: { items: [], nextToken: 't1' },
      t1: { items: [1, 2], nextToken: 't2' },
      t2: { items: [], nextToken: 't3' },
      t3: { items: [3], nextToken: undefined },
    };
    const asked: (string | undefined)[] = [];
    const items = await allPages('test', (token) => {
      asked.push(token);
      return Promise.resolve(pages[token ?? 'start']!);
    });
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 't1', 't2', 't3']);
  });

  it('should treat an empty-string token as the end', async () => {
    const items = await allPages('test', () => Promise.resolve({ items: [7], nextToken: '' }));
    expect(items).toEqual([7]);
  });

  it('should fail instead of looping when the same token comes back', async () => {
    await expect(
      allPages('ListThings', () => Promise.resolve({ items: [], nextToken: 'same' })),
    ).rejects.toThrow('ListThings: NextToken repeated after 2 pages');
  });

  it('should fail after the page budget rather than run forever', async () => {
    let n = 0;
    await expect(
      allPages('ListThings', () => Promise.resolve({ items: [], nextToken: `t${(n += 1)}` })),
    ).rejects.toThrow(`more than ${MAX_PAGES} pages`);
    expect(n).toBe(MAX_PAGES);
  });
});
