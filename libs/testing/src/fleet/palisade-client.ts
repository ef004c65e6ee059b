// A small client of the REST API for the fleet tests and the pipeline benchmark: what an
// integrator does (operator key → tenant → key → source → scan → poll → read), over plain fetch.

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export type ScanStatus =
  'queued' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';

export const FINAL_SCAN_STATUSES: readonly ScanStatus[] = [
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
];

export interface ScanCounts {
  readonly accountsTotal?: number;
  readonly accountsDone?: number;
  readonly accountsFailed?: number;
  readonly accountsSkipped?: number;
  readonly accountsCancelled?: number;
  readonly findingsNew?: number;
  readonly findingsResolved?: number;
  readonly findingsReopened?: number;
  readonly [key: string]: number | undefined;
}

export interface Scan {
  readonly id: string;
  readonly sourceId: string;
  readonly status: ScanStatus;
  readonly counts: ScanCounts;
  readonly error: string | null;
  readonly requestedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface ScanJobError {
  readonly code: string;
  readonly message: string;
  readonly region?: string;
  readonly checkId?: string;
}

export interface ScanJob {
  readonly jobId: string;
  readonly accountId: string;
  readonly scope: 'account' | 'organization';
  readonly status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  readonly errors: readonly ScanJobError[];
}

export type FindingStatus = 'new' | 'in_progress' | 'resolved' | 'compliant' | 'manual' | 'error';

export interface ApiFinding {
  readonly uid: string;
  readonly kind: 'check' | 'inspector';
  readonly title: string;
  readonly severity: string;
  readonly status: FindingStatus;
  readonly compliance: 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | null;
  readonly account: { readonly id: string; readonly name: string | null };
  readonly region: string;
  readonly checkId: string | null;
  readonly resource: { readonly uid: string; readonly type: string };
  readonly suppressed: boolean;
}

export interface Tenant {
  readonly id: string;
  /** The tenant's first admin key, shown once. */
  readonly adminKey: string;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly response: ApiResponse,
  ) {
    super(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PalisadeClient {
  constructor(private readonly baseUrl: string) {}

  /** One request; the body is parsed when it is JSON. Never throws on a status. */
  async request<T = unknown>(
    method: string,
    path: string,
    key: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text !== '' ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** A request that must answer one of `ok` (default any 2xx); the body. */
  async call<T>(
    method: string,
    path: string,
    key: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.request<T>(method, path, key, body, headers);
    if (response.status < 200 || response.status > 299) {
      throw new ApiError(method, path, response);
    }
    return response.body;
  }

  async createTenant(operatorKey: string, name: string): Promise<Tenant> {
    const created = await this.call<{ id: string; apiKey: { key: string } }>(
      'POST',
      '/v1/tenants',
      operatorKey,
      { name },
    );
    return { id: created.id, adminKey: created.apiKey.key };
  }

  /** A further key of the tenant's with these scopes (`admin` implies the others). */
  async createKey(adminKey: string, name: string, scopes: readonly string[]): Promise<string> {
    const issued = await this.call<{ key: string }>('POST', '/v1/api-keys', adminKey, {
      name,
      scopes,
    });
    return issued.key;
  }

  async createSource(adminKey: string, body: unknown): Promise<{ id: string; externalId: string }> {
    return this.call('POST', '/v1/sources', adminKey, body);
  }

  async startScan(key: string, body: unknown, idempotencyKey?: string): Promise<Scan> {
    return this.call<Scan>(
      'POST',
      '/v1/scans',
      key,
      body,
      idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    );
  }

  async scan(key: string, id: string): Promise<Scan> {
    return this.call<Scan>('GET', `/v1/scans/${id}`, key);
  }

  /** Polls the scan until it ends (or `timeoutMs` passes: an error naming its last state). */
  async waitForScan(key: string, id: string, timeoutMs = 300_000): Promise<Scan> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const scan = await this.scan(key, id);
      if (FINAL_SCAN_STATUSES.includes(scan.status)) return scan;
      if (Date.now() > deadline) {
        throw new Error(`scan ${id} did not end in ${timeoutMs} ms: ${JSON.stringify(scan)}`);
      }
      await sleep(500);
    }
  }

  /** Every item of a cursor-paged list. */
  async all<T>(key: string, path: string, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null | undefined;
    do {
      const params = new URLSearchParams({ ...query, limit: '500' });
      if (cursor) params.set('cursor', cursor);
      const page = await this.call<{ items: T[]; nextCursor?: string | null }>(
        'GET',
        `${path}?${params.toString()}`,
        key,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  async findings(key: string, query: Record<string, string> = {}): Promise<ApiFinding[]> {
    return this.all<ApiFinding>(key, '/v1/findings', query);
  }

  async scanJobs(key: string, scanId: string): Promise<ScanJob[]> {
    return this.all<ScanJob>(key, `/v1/scans/${scanId}/jobs`);
  }
}
