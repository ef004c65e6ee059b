import { type TenantId } from '../tenancy/tenant-id';
import {
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
} from './test/discovery-fixtures';

const at = (iso: string) => new Date(iso);

describe('InspectorWatermarksRepository, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let A: TenantId;
  let B: TenantId;

  beforeAll(async () => {
    context = await openDiscoveryTestContext();
    A = await createTenant(context.service);
    B = await createTenant(context.service);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('should return the watermarks of each requested account by region, {} for an account with none', async () => {
    await context.run(A, (r) =>
      r.inspectorWatermarks.upsert(A, [
        {
          accountId: '111111111111',
          region: 'eu-west-1',
          watermark: at('2026-03-01T10:00:00.123Z'),
        },
        { accountId: '111111111111', region: 'us-east-1', watermark: at('2026-03-01T11:00:00Z') },
        { accountId: '222222222222', region: 'eu-west-1', watermark: at('2026-03-01T12:00:00Z') },
      ]),
    );
    await context.run(B, (r) =>
      r.inspectorWatermarks.upsert(B, [
        { accountId: '333333333333', region: 'eu-west-1', watermark: at('2026-03-01T00:00:00Z') },
      ]),
    );
    const marks = await context.run(A, (r) =>
      r.inspectorWatermarks.watermarksFor(A, ['111111111111', '333333333333', '444444444444']),
    );
    expect(Object.fromEntries(marks)).toEqual({
      '111111111111': {
        'eu-west-1': '2026-03-01T10:00:00.123Z',
        'us-east-1': '2026-03-01T11:00:00.000Z',
      },
      '333333333333': {}, // tenant B's, invisible to A
      '444444444444': {},
    });
  });

  it('should only move a watermark forward, and keep the latest of duplicate entries', async () => {
    await context.run(A, (r) =>
      r.inspectorWatermarks.upsert(A, [
        { accountId: '222222222222', region: 'eu-west-1', watermark: at('2026-02-01T00:00:00Z') }, // older
        {
          accountId: '222222222222',
          region: 'eu-central-1',
          watermark: at('2026-03-02T00:00:00Z'),
        },
        {
          accountId: '222222222222',
          region: 'eu-central-1',
          watermark: at('2026-03-03T00:00:00Z'),
        },
      ]),
    );
    const marks = await context.run(A, (r) =>
      r.inspectorWatermarks.watermarksFor(A, ['222222222222']),
    );
    expect(marks.get('222222222222')).toEqual({
      'eu-west-1': '2026-03-01T12:00:00.000Z',
      'eu-central-1': '2026-03-03T00:00:00.000Z',
    });
  });
});
