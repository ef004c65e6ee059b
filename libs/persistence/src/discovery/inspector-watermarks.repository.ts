import { type TenantId } from '../tenancy/tenant-id';
import { chunk, selectRows, sortedBy } from './sql-helpers';
import { type TenantScope } from './tenant-scope';

export interface WatermarkEntry {
  accountId: string;
  region: string;
  /** The `updatedAt` of the newest Inspector2 finding pulled. */
  watermark: Date;
}

/** `inspector_watermarks`: written by the normaliser, read by discovery into every job. */
export class InspectorWatermarksRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Every requested account → its watermarks by region (ISO 8601); `{}` for an account with none. */
  async watermarksFor(
    tenantId: TenantId,
    accountIds: readonly string[],
  ): Promise<Map<string, Record<string, string>>> {
    const byAccount = new Map<string, Record<string, string>>(accountIds.map((id) => [id, {}]));
    if (accountIds.length === 0) return byAccount;
    const rows = await selectRows<{ account_id: string; region: string; watermark: Date }>(
      this.scope.managerFor(tenantId),
      `SELECT account_id, region, updated_at_watermark AS watermark
         FROM public.inspector_watermarks
        WHERE tenant_id = $1 AND account_id = ANY ($2::bpchar[])`,
      [tenantId, [...new Set(accountIds)]],
    );
    for (const row of rows) {
      const regions = byAccount.get(row.account_id) ?? {};
      regions[row.region] = row.watermark.toISOString();
      byAccount.set(row.account_id, regions);
    }
    return byAccount;
  }

  /**
   * Moves watermarks forward only (`greatest` of stored and given): a redelivered or late job
   * event never moves one back. Entries for the same account × region are merged (the latest
   * wins). Multi-row, chunked.
   */
  async upsert(tenantId: TenantId, entries: readonly WatermarkEntry[]): Promise<void> {
    const manager = this.scope.managerFor(tenantId);
    const latest = new Map<string, WatermarkEntry>();
    for (const entry of entries) {
      const key = `${entry.accountId}/${entry.region}`;
      const seen = latest.get(key);
      if (!seen || entry.watermark > seen.watermark) latest.set(key, entry);
    }
    const sorted = sortedBy([...latest.values()], (e) => `${e.accountId}/${e.region}`);
    for (const part of chunk(sorted)) {
      await manager.query(
        `INSERT INTO public.inspector_watermarks AS w (tenant_id, account_id, region, updated_at_watermark)
         SELECT $1, e.account_id, e.region, e.watermark
           FROM jsonb_to_recordset($2::jsonb) AS e(account_id character(12), region text, watermark timestamptz)
          ORDER BY e.account_id COLLATE "C", e.region COLLATE "C"
         ON CONFLICT (tenant_id, account_id, region) DO UPDATE
           SET updated_at_watermark = greatest(w.updated_at_watermark, excluded.updated_at_watermark)`,
        [
          tenantId,
          JSON.stringify(
            part.map((e) => ({
              account_id: e.accountId,
              region: e.region,
              watermark: e.watermark.toISOString(),
            })),
          ),
        ],
      );
    }
  }
}
