// Paging for Inspector2 ListFindings, which moto answers with every finding and no nextToken:
// the proxy takes moto's full answer once and serves it in pages with its own nextToken.
import { randomUUID } from 'node:crypto';

const TOKEN_PREFIX = 'palisade-proxy-inspector-';

interface Cursor {
  findings: unknown[];
  pageSize: number;
}

interface ListFindingsRequest {
  maxResults?: unknown;
  nextToken?: unknown;
}

function parseRequest(body: Buffer): ListFindingsRequest {
  if (body.length === 0) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8')) as ListFindingsRequest | null;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

export class InspectorPager {
  private readonly cursors = new Map<string, Cursor>();

  /** The proxy's nextToken in a ListFindings request body, if it carries one. */
  tokenIn(body: Buffer): string | undefined {
    const { nextToken } = parseRequest(body);
    return typeof nextToken === 'string' && nextToken.startsWith(TOKEN_PREFIX)
      ? nextToken
      : undefined;
  }

  /** First page of moto's full answer (`{"findings": [...]}`) for the request `requestBody`. */
  firstPage(upstreamBody: string, requestBody: Buffer, pageSize: number): string {
    const parsed = JSON.parse(upstreamBody) as { findings?: unknown[] };
    const id = randomUUID();
    this.cursors.set(id, { findings: parsed.findings ?? [], pageSize });
    return this.page(id, 0, requestBody);
  }

  /** The page a proxy token points at, or undefined if the token is not this proxy's. */
  nextPage(token: string, requestBody: Buffer): string | undefined {
    const m = /^palisade-proxy-inspector-(.+)-(\d+)$/.exec(token);
    if (!m?.[1] || !m[2] || !this.cursors.has(m[1])) return undefined;
    return this.page(m[1], Number(m[2]), requestBody);
  }

  private page(id: string, offset: number, requestBody: Buffer): string {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new Error(`unknown inspector cursor ${id}`);
    const { maxResults } = parseRequest(requestBody);
    const size =
      typeof maxResults === 'number' && maxResults > 0
        ? Math.min(maxResults, cursor.pageSize)
        : cursor.pageSize;
    const end = offset + size;
    const findings = cursor.findings.slice(offset, end);
    const more = end < cursor.findings.length;
    return JSON.stringify(
      more ? { findings, nextToken: `${TOKEN_PREFIX}${id}-${end}` } : { findings },
    );
  }
}
