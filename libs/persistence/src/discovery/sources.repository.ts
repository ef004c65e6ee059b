import { IsNull } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import {
  parseSourceConfig,
  parseSourceDefinition,
  type SourceDefinitionInput,
  sourceNameSchema,
} from './source-config';
import { SourceEntity } from './source.entity';
import { firstRow, selectRows } from './sql-helpers';
import { type TenantScope } from './tenant-scope';
import { parseOrThrow } from './validation';

export interface SourcePatch {
  name?: string;
  /** Validated against the source's existing kind. */
  config?: unknown;
  preflight?: boolean;
}

/** `sources`. Deleting is soft (`deleted_at`); deleted sources are invisible unless asked for. */
export class SourcesRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Validates the definition (`INVALID_ARGUMENT`); a live source of the same name is a 23505. */
  async create(tenantId: TenantId, definition: SourceDefinitionInput): Promise<SourceEntity> {
    const source = parseSourceDefinition(definition);
    const manager = this.scope.managerFor(tenantId);
    const { id } = firstRow(
      await selectRows<{ id: string }>(
        manager,
        `INSERT INTO public.sources (tenant_id, name, kind, config, preflight)
       VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id`,
        [tenantId, source.name, source.kind, JSON.stringify(source.config), source.preflight],
      ),
    );
    return manager.findOneByOrFail(SourceEntity, { tenantId, id });
  }

  async get(
    tenantId: TenantId,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<SourceEntity | null> {
    return await this.scope.managerFor(tenantId).findOneBy(SourceEntity, {
      tenantId,
      id,
      ...(options.includeDeleted ? {} : { deletedAt: IsNull() }),
    });
  }

  /** The tenant's live sources, by name. */
  async list(tenantId: TenantId): Promise<SourceEntity[]> {
    return await this.scope.managerFor(tenantId).find(SourceEntity, {
      where: { tenantId, deletedAt: IsNull() },
      order: { name: 'ASC' },
    });
  }

  /** Changes a live source; returns null when there is none with that id. */
  async update(tenantId: TenantId, id: string, patch: SourcePatch): Promise<SourceEntity | null> {
    const current = await this.get(tenantId, id);
    if (!current) return null;
    const name =
      patch.name === undefined
        ? current.name
        : parseOrThrow(sourceNameSchema, patch.name, 'source name');
    const config =
      patch.config === undefined ? current.config : parseSourceConfig(current.kind, patch.config);
    const preflight = patch.preflight ?? current.preflight;
    await this.scope.managerFor(tenantId).query(
      `UPDATE public.sources SET name = $3, config = $4::jsonb, preflight = $5
        WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [tenantId, id, name, JSON.stringify(config), preflight],
    );
    return this.get(tenantId, id);
  }

  /** Marks a live source deleted; false when there was none. Its name becomes free again. */
  async softDelete(tenantId: TenantId, id: string, at: Date = new Date()): Promise<boolean> {
    const rows = await selectRows<{ id: string }>(
      this.scope.managerFor(tenantId),
      `WITH gone AS (
         UPDATE public.sources SET deleted_at = $3
          WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id
       ) SELECT id FROM gone`,
      [tenantId, id, at],
    );
    return rows.length === 1;
  }
}
