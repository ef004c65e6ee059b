import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type ApiConfig, APP_CONFIG } from '@palisade/config';
import {
  type SourceConfig,
  type SourceDefinition,
  type SourceEntity,
  type SourceKind,
  SourcesRepository,
  TenantSettingsRepository,
  type TenantId,
  type TenantScope,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { conflict, notFound, ProblemException } from '../http/problem';
import { fieldErrors } from '../http/zod-pipe';
import { TenantDb } from '../tenancy/tenant-db';
import { DEPLOY_TEMPLATES, type DeployTemplates } from './onboarding/deploy-templates';
import { buildOnboarding } from './onboarding/onboarding';
import {
  API_SOURCE_CONFIG_SCHEMAS,
  type CreateSourceBody,
  type OnboardingView,
  type SourceDetailView,
  type SourceView,
} from './sources.dto';

const sourceCursor = z.object({ n: z.string().refine((n) => !n.includes('\u0000')), id: z.uuid() });

export interface SourcePage {
  readonly items: SourceView[];
  readonly nextCursor: string | null;
}

export interface SourceChanges {
  readonly name?: string | undefined;
  readonly config?: Record<string, unknown> | undefined;
  readonly preflight?: boolean | undefined;
}

interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  config: SourceConfig;
  preflight: boolean;
  created_at: Date;
  updated_at: Date;
}

/**
 * A tenant's sources: what Palisade scans and the roles it assumes. Every source carries the
 * tenant's Palisade-generated ExternalId and, one at a time, its onboarding material.
 */
@Injectable()
export class SourcesService {
  constructor(
    private readonly db: TenantDb,
    @Inject(DEPLOY_TEMPLATES) private readonly templates: DeployTemplates,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  create(tenantId: TenantId, body: CreateSourceBody): Promise<SourceDetailView> {
    // The body passed the definition schema (a union by kind); the repository parses it again.
    const definition = body as SourceDefinition;
    return this.db.run(tenantId, async (manager, scope) => {
      const externalId = await externalIdOf(scope, tenantId);
      await assertNameFree(manager, tenantId, definition.name);
      const source = await new SourcesRepository(scope).create(tenantId, definition);
      return this.detail(manager, tenantId, source, externalId);
    });
  }

  /** Live sources by (name, id). */
  list(
    tenantId: TenantId,
    query: { limit: number; cursor?: string | undefined; kind?: SourceKind | undefined },
  ): Promise<SourcePage> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sourceCursor);
    return this.db.run(tenantId, async (manager, scope) => {
      const externalId = await externalIdOf(scope, tenantId);
      const rows: SourceRow[] = await manager.query(
        `SELECT id, name, kind, config, preflight, created_at, updated_at
           FROM public.sources
          WHERE tenant_id = $1 AND deleted_at IS NULL
            AND ($2::text IS NULL OR kind = $2::text)
            AND ($3::text IS NULL OR (name, id) > ($3::text, $4::uuid))
          ORDER BY name, id
          LIMIT $5`,
        [tenantId, query.kind ?? null, after?.n ?? null, after?.id ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) =>
          toView(
            {
              id: row.id,
              name: row.name,
              kind: row.kind,
              config: row.config,
              preflight: row.preflight,
              createdAt: row.created_at,
              updatedAt: row.updated_at,
            },
            externalId,
          ),
        ),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ n: last.name, id: last.id }) : null,
      };
    });
  }

  get(tenantId: TenantId, id: string): Promise<SourceDetailView> {
    return this.db.run(tenantId, async (manager, scope) => {
      const source = await new SourcesRepository(scope).get(tenantId, id);
      if (!source) throw notFound('source', id);
      const externalId = await externalIdOf(scope, tenantId);
      return this.detail(manager, tenantId, source, externalId);
    });
  }

  async onboarding(tenantId: TenantId, id: string): Promise<OnboardingView> {
    return (await this.get(tenantId, id)).onboarding;
  }

  /** Changes name, config (validated against the source's kind) and preflight. */
  update(tenantId: TenantId, id: string, changes: SourceChanges): Promise<SourceDetailView> {
    return this.db.run(tenantId, async (manager, scope) => {
      const sources = new SourcesRepository(scope);
      const current = await sources.get(tenantId, id);
      if (!current) throw notFound('source', id);
      let config: SourceConfig | undefined;
      if (changes.config !== undefined) {
        const parsed = API_SOURCE_CONFIG_SCHEMAS[current.kind].safeParse(changes.config);
        if (!parsed.success) {
          const errors = fieldErrors(parsed.error, 'body.config');
          throw new ProblemException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            'validation',
            errors.map((e) => `${e.field}: ${e.detail}`).join('; '),
            errors,
          );
        }
        config = parsed.data;
      }
      if (changes.name !== undefined && changes.name !== current.name) {
        await assertNameFree(manager, tenantId, changes.name);
      }
      const updated = await sources.update(tenantId, id, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(config !== undefined ? { config } : {}),
        ...(changes.preflight !== undefined ? { preflight: changes.preflight } : {}),
      });
      if (!updated) throw notFound('source', id);
      const externalId = await externalIdOf(scope, tenantId);
      return this.detail(manager, tenantId, updated, externalId);
    });
  }

  /**
   * Soft-deletes the source (its inventory, scans and findings stay readable) and deletes its
   * schedules, which could never fire again.
   */
  remove(tenantId: TenantId, id: string): Promise<void> {
    return this.db.run(tenantId, async (manager, scope) => {
      if (!(await new SourcesRepository(scope).softDelete(tenantId, id))) {
        throw notFound('source', id);
      }
      await manager.query(
        `WITH gone AS (
           DELETE FROM public.schedules WHERE tenant_id = $1 AND source_id = $2 RETURNING 1
         ) SELECT count(*)::int AS n FROM gone`,
        [tenantId, id],
      );
    });
  }

  private async detail(
    manager: EntityManager,
    tenantId: TenantId,
    source: SourceEntity,
    externalId: string,
  ): Promise<SourceDetailView> {
    let organizationRootId: string | null = null;
    if (source.kind === 'organization') {
      const roots: { ou_id: string }[] = await manager.query(
        `SELECT ou_id FROM public.organizational_units
          WHERE tenant_id = $1 AND source_id = $2 AND parent_id IS NULL AND removed_at IS NULL
            AND ou_id LIKE 'r-%'
          ORDER BY ou_id
          LIMIT 1`,
        [tenantId, source.id],
      );
      organizationRootId = roots[0]?.ou_id ?? null;
    }
    return {
      ...toView(source, externalId),
      onboarding: buildOnboarding({
        kind: source.kind,
        config: source.config,
        externalId,
        installationHubPrincipalArn: this.config.api.hubPrincipalArn,
        templates: this.templates,
        organizationRootId,
      }),
    };
  }
}

function toView(
  source: Pick<
    SourceEntity,
    'id' | 'name' | 'kind' | 'config' | 'preflight' | 'createdAt' | 'updatedAt'
  >,
  externalId: string,
): SourceView {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    config: source.config,
    preflight: source.preflight,
    externalId,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}

/** The tenant's ExternalId, generated on first need (tenants made before any source have none). */
async function externalIdOf(scope: TenantScope, tenantId: TenantId): Promise<string> {
  const settings = new TenantSettingsRepository(scope);
  return ((await settings.get(tenantId)) ?? (await settings.ensure(tenantId))).externalId;
}

async function assertNameFree(
  manager: EntityManager,
  tenantId: TenantId,
  name: string,
): Promise<void> {
  const taken: unknown[] = await manager.query(
    `SELECT 1 FROM public.sources WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL`,
    [tenantId, name],
  );
  if (taken.length > 0) throw conflict(`a source named ${JSON.stringify(name)} exists`);
}
