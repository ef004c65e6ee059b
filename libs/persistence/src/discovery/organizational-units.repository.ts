import { IsNull } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { OrganizationalUnitEntity } from './organizational-unit.entity';
import { assertUnique, chunk, selectCount, sortedBy } from './sql-helpers';
import { type TenantScope } from './tenant-scope';

/** An OU (or the root) as discovery found it. */
export interface DiscoveredOrganizationalUnit {
  ouId: string;
  name: string;
  parentId: string | null;
  /** Names from the root: `/Root/Workloads/Prod`. */
  path: string;
}

/** `organizational_units`: the OU tree of each organization source, as last discovered. */
export class OrganizationalUnitsRepository {
  constructor(private readonly scope: TenantScope) {}

  /**
   * Makes the source's OUs exactly `units`: upserts them (multi-row, chunked; clearing
   * `removed_at`) and marks every other OU of the source removed at `seenAt`. Returns how many
   * were newly marked removed.
   */
  async replaceAll(
    tenantId: TenantId,
    sourceId: string,
    units: readonly DiscoveredOrganizationalUnit[],
    seenAt: Date,
  ): Promise<{ removed: number }> {
    const manager = this.scope.managerFor(tenantId);
    assertUnique(units, (unit) => unit.ouId, 'OU');
    const sorted = sortedBy(units, (unit) => unit.ouId);
    for (const part of chunk(sorted)) {
      await manager.query(
        `INSERT INTO public.organizational_units AS o (tenant_id, source_id, ou_id, name, parent_id, path)
         SELECT $1, $2, i.ou_id, i.name, i.parent_id, i.path
           FROM jsonb_to_recordset($3::jsonb) AS i(ou_id text, name text, parent_id text, path text)
          ORDER BY i.ou_id COLLATE "C"
         ON CONFLICT (tenant_id, source_id, ou_id) DO UPDATE
           SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path,
               removed_at = NULL`,
        [
          tenantId,
          sourceId,
          JSON.stringify(
            part.map((u) => ({ ou_id: u.ouId, name: u.name, parent_id: u.parentId, path: u.path })),
          ),
        ],
      );
    }
    const removed = await selectCount(
      manager,
      `WITH gone AS (
         UPDATE public.organizational_units SET removed_at = $3
          WHERE tenant_id = $1 AND source_id = $2 AND removed_at IS NULL
            AND NOT (ou_id = ANY ($4::text[]))
         RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
      [tenantId, sourceId, seenAt, sorted.map((u) => u.ouId)],
    );
    return { removed };
  }

  /** The source's OUs, by path; removed ones only when asked. */
  async list(
    tenantId: TenantId,
    sourceId: string,
    options: { includeRemoved?: boolean } = {},
  ): Promise<OrganizationalUnitEntity[]> {
    return await this.scope.managerFor(tenantId).find(OrganizationalUnitEntity, {
      where: { tenantId, sourceId, ...(options.includeRemoved ? {} : { removedAt: IsNull() }) },
      order: { path: 'ASC', ouId: 'ASC' },
    });
  }
}
