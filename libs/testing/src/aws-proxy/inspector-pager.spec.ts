import { InspectorPager } from './inspector-pager';

const findings = Array.from({ length: 5 }, (_, i) => ({ findingArn: `f${i}` }));
const full = JSON.stringify({ findings });
const req = (o: object) => Buffer.from(JSON.stringify(o));

function readAll(pager: InspectorPager, pageSize: number, maxResults?: number): string[][] {
  const pages: string[][] = [];
  const ask = maxResults === undefined ? {} : { maxResults };
  let page = JSON.parse(pager.firstPage(full, req(ask), pageSize)) as {
    findings: { findingArn: string }[];
    nextToken?: string;
  };
  pages.push(page.findings.map((f) => f.findingArn));
  while (page.nextToken) {
    const next = pager.nextPage(page.nextToken, req({ ...ask, nextToken: page.nextToken }));
    if (next === undefined) throw new Error('token not recognised');
    page = JSON.parse(next) as typeof page;
    pages.push(page.findings.map((f) => f.findingArn));
  }
  return pages;
}

describe('InspectorPager', () => {
  it('serves the full list in pages of pageSize with nextToken on all but the last', () => {
    expect(readAll(new InspectorPager(), 2)).toEqual([['f0', 'f1'], ['f2', 'f3'], ['f4']]);
  });

  it('honours a smaller maxResults from the request', () => {
    expect(readAll(new InspectorPager(), 3, 2)).toEqual([['f0', 'f1'], ['f2', 'f3'], ['f4']]);
  });

  it('ignores a larger maxResults', () => {
    expect(readAll(new InspectorPager(), 2, 100)).toHaveLength(3);
  });

  it('returns one page without nextToken when everything fits', () => {
    expect(readAll(new InspectorPager(), 10)).toEqual([['f0', 'f1', 'f2', 'f3', 'f4']]);
  });

  it('recognises only its own tokens', () => {
    const pager = new InspectorPager();
    expect(pager.tokenIn(req({ nextToken: 'moto-token' }))).toBeUndefined();
    expect(pager.tokenIn(Buffer.from('not json'))).toBeUndefined();
    expect(pager.nextPage('palisade-proxy-inspector-unknown-2', req({}))).toBeUndefined();
  });
});
