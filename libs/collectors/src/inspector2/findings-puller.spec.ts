// The findings pull over recorded ListFindings answers: the filter and page size on the wire,
// nextToken paging (and a repeated token), the watermark, unmapped findings and errors.
import { AwsAccessError } from '@palisade/aws';
import { type InspectorFinding } from '@palisade/contracts';
import {
  type InspectorPullOptions,
  inspectorFindingsFilter,
  laterWatermark,
  pullInspectorFindings,
} from './findings-puller';
import {
  ACCOUNT,
  type WireRequest,
  codeFinding,
  inspectorAnswering,
  packageFinding,
} from './test/recorded-inspector';

async function drain(
  pull: ReturnType<typeof pullInspectorFindings>,
): Promise<InspectorFinding[][]> {
  const pages: InspectorFinding[][] = [];
  for await (const page of pull.pages) pages.push(page);
  return pages;
}

const FIRST_SYNC: InspectorPullOptions = { accountId: ACCOUNT, viaDelegatedAdmin: false };

describe('inspectorFindingsFilter', () => {
  it('should send no filter on a member’s first sync', () => {
    expect(inspectorFindingsFilter(FIRST_SYNC)).toBeUndefined();
  });

  it('should start at the watermark (inclusive) on an incremental sync', () => {
    expect(
      inspectorFindingsFilter({ ...FIRST_SYNC, watermark: '2026-05-01T10:00:00.250Z' }),
    ).toEqual({ updatedAt: [{ startInclusive: new Date('2026-05-01T10:00:00.250Z') }] });
  });

  it('should ask a delegated administrator for the one account only', () => {
    expect(inspectorFindingsFilter({ accountId: ACCOUNT, viaDelegatedAdmin: true })).toEqual({
      awsAccountId: [{ comparison: 'EQUALS', value: ACCOUNT }],
    });
  });

  it('should refuse a watermark that is not a date', () => {
    expect(() => inspectorFindingsFilter({ ...FIRST_SYNC, watermark: 'yesterday' })).toThrow(
      'not a date',
    );
  });
});

describe('laterWatermark', () => {
  it('should keep the later instant, and either one when the other is absent', () => {
    expect(laterWatermark('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toBe(
      '2026-01-02T00:00:00Z',
    );
    expect(laterWatermark('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(
      '2026-01-02T00:00:00Z',
    );
    expect(laterWatermark(undefined, '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(laterWatermark('2026-01-01T00:00:00Z', undefined)).toBe('2026-01-01T00:00:00Z');
    expect(laterWatermark(undefined, undefined)).toBeUndefined();
  });
});

describe('pullInspectorFindings (recorded ListFindings answers)', () => {
  it('should follow nextToken to the end with pages of 100 and the filter on every call', async () => {
    const requests: WireRequest[] = [];
    const answers = [
      {
        findings: [packageFinding('a', 1700000000.5), packageFinding('b', 1700000300)],
        nextToken: 't1',
      },
      { findings: [], nextToken: 't2' },
      { findings: [codeFinding('c')] },
    ];
    const client = inspectorAnswering((_, i) => ({ status: 200, body: answers[i] }), requests);

    const pull = pullInspectorFindings(client, {
      accountId: ACCOUNT,
      viaDelegatedAdmin: true,
      watermark: '2023-11-14T22:13:20.250Z',
    });
    const pages = await drain(pull);

    expect(pages.map((p) => p.map((f) => f.findingArn.split('/').pop()))).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
    expect(requests.map((r) => r.path)).toEqual([
      '/findings/list',
      '/findings/list',
      '/findings/list',
    ]);
    expect(requests.map((r) => r.body.nextToken)).toEqual([undefined, 't1', 't2']);
    for (const r of requests) {
      expect(r.body).toMatchObject({
        maxResults: 100,
        filterCriteria: {
          // The watermark in epoch seconds, milliseconds kept (rounding up could skip findings).
          updatedAt: [{ startInclusive: 1700000000.25 }],
          awsAccountId: [{ comparison: 'EQUALS', value: ACCOUNT }],
        },
      });
    }
    expect(pull.pagesRead()).toBe(3);
    expect(pull.watermark()).toBe('2023-11-14T22:18:20.000Z');
    expect(pull.unmapped()).toEqual([]);
  });

  it('should send a first sync without filterCriteria and keep millisecond watermarks', async () => {
    const requests: WireRequest[] = [];
    const client = inspectorAnswering(
      () => ({ status: 200, body: { findings: [packageFinding('a', 1700000000.123)] } }),
      requests,
    );
    const pull = pullInspectorFindings(client, FIRST_SYNC);
    await drain(pull);
    expect(requests[0]?.body).toEqual({ maxResults: 100 });
    expect(pull.watermark()).toBe('2023-11-14T22:13:20.123Z');
  });

  it('should keep the previous watermark when nothing changed since', async () => {
    const client = inspectorAnswering(() => ({ status: 200, body: { findings: [] } }));
    const pull = pullInspectorFindings(client, {
      ...FIRST_SYNC,
      watermark: '2026-05-01T00:00:00.000Z',
    });
    expect(await drain(pull)).toEqual([]);
    expect(pull.watermark()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('should not advance the watermark from a pull that stopped before its last page', async () => {
    const client = inspectorAnswering(() => ({
      status: 200,
      body: { findings: [packageFinding('a', 1800000000)], nextToken: 'more' },
    }));
    const pull = pullInspectorFindings(client, {
      ...FIRST_SYNC,
      watermark: '2026-05-01T00:00:00.000Z',
    });
    for await (const page of pull.pages) {
      expect(page).toHaveLength(1);
      break;
    }
    expect(pull.watermark()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('should stop with an error when Inspector2 repeats a nextToken', async () => {
    const client = inspectorAnswering(() => ({
      status: 200,
      body: { findings: [packageFinding('a')], nextToken: 'same' },
    }));
    const pull = pullInspectorFindings(client, FIRST_SYNC);
    const error: unknown = await drain(pull).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as AwsAccessError).classified).toMatchObject({ code: 'AWS_ERROR' });
    expect((error as Error).message).toContain('repeated a nextToken after 2 pages');
    expect(pull.watermark()).toBeUndefined();
  });

  it('should report unmapped findings and findings of another account, and pass the rest', async () => {
    const client = inspectorAnswering(() => ({
      status: 200,
      body: {
        findings: [
          packageFinding('good'),
          { ...packageFinding('bad'), severity: 'SEVERE' },
          { ...packageFinding('other'), awsAccountId: '444455556666' },
        ],
      },
    }));
    const pull = pullInspectorFindings(client, { accountId: ACCOUNT, viaDelegatedAdmin: true });
    const pages = await drain(pull);
    expect(pages.flat().map((f) => f.findingArn.split('/').pop())).toEqual(['good']);
    expect(pull.unmapped()).toEqual([
      expect.stringMatching(/finding\/bad does not map: severity: /),
      expect.stringContaining(
        'finding/other belongs to account 444455556666, not 111122223333 (the awsAccountId filter was not applied)',
      ),
    ]);
  });

  it('should throw a classified error when ListFindings is denied', async () => {
    const client = inspectorAnswering(() => ({
      status: 403,
      errorType: 'AccessDeniedException',
      body: { message: 'User is not authorized to perform: inspector2:ListFindings' },
    }));
    const error: unknown = await drain(pullInspectorFindings(client, FIRST_SYNC)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AwsAccessError);
    expect((error as AwsAccessError).classified).toMatchObject({
      code: 'ACCESS_DENIED',
      awsCode: 'AccessDeniedException',
    });
  });
});
