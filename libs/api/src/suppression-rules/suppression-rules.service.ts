import { Injectable } from '@nestjs/common';
import { SCHEMA_VERSION, Topics, type RulesChanged } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import {
  type SuppressionRule,
  type SuppressionRulePatch,
  SuppressionRulesRepository,
  type TenantId,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { type TenantPrincipal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { invalidField, notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import {
  type CreateSuppressionRuleDto,
  hasCriterion,
  type ListSuppressionRulesQueryDto,
  NO_CRITERION,
  type SuppressionRuleView,
  type UpdateSuppressionRuleDto,
} from './suppression-rules.dto';

export interface SuppressionRulePage {
  readonly items: SuppressionRuleView[];
  readonly nextCursor: string | null;
}

/** The list's position: the last rule's creation time (to the microsecond) and id. */
const cursorSchema = z.strictObject({
  createdAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
    .refine((value) => !Number.isNaN(Date.parse(value))),
  id: z.uuid(),
});

interface RuleRow {
  id: string;
  account_ids: string[];
  ou_ids: string[];
  regions: string[];
  check_ids: string[];
  resource_pattern: string | null;
  tags: Record<string, string>;
  reason: string;
  author: string;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** created_at to the microsecond, for the cursor. */
  created_key: string;
}

const instant = (date: Date): string => date.toISOString();

export function viewOf(
  rule: Omit<SuppressionRule, 'tenantId'>,
  now = Date.now(),
): SuppressionRuleView {
  return {
    id: rule.id,
    accountIds: rule.accountIds,
    ouIds: rule.ouIds,
    regions: rule.regions,
    checkIds: rule.checkIds,
    resourcePattern: rule.resourcePattern,
    tags: rule.tags,
    reason: rule.reason,
    author: rule.author,
    expiresAt: rule.expiresAt === null ? null : instant(rule.expiresAt),
    active: rule.expiresAt === null || rule.expiresAt.getTime() > now,
    createdAt: instant(rule.createdAt),
    updatedAt: instant(rule.updatedAt),
  };
}

function viewOfRow(row: RuleRow, now: number): SuppressionRuleView {
  return viewOf(
    {
      id: row.id,
      accountIds: row.account_ids,
      ouIds: row.ou_ids,
      regions: row.regions,
      checkIds: row.check_ids,
      resourcePattern: row.resource_pattern,
      tags: row.tags,
      reason: row.reason,
      author: row.author,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    now,
  );
}

const expiry = (value: string | null | undefined): Date | null | undefined =>
  value === undefined || value === null ? value : new Date(value);

/**
 * A tenant's suppression rules. Every change is announced on `rules.changed` through the
 * outbox in the transaction that makes it, so the normaliser re-applies the rules exactly
 * when the change commits. The author of a rule is the API key that last wrote it.
 */
@Injectable()
export class SuppressionRulesService {
  constructor(private readonly db: TenantDb) {}

  create(principal: TenantPrincipal, body: CreateSuppressionRuleDto): Promise<SuppressionRuleView> {
    const tenantId = principal.tenantId;
    return this.db.run(tenantId, async (manager, scope) => {
      const rule = await new SuppressionRulesRepository(scope).create(tenantId, {
        accountIds: body.accountIds,
        ouIds: body.ouIds,
        regions: body.regions,
        checkIds: body.checkIds,
        resourcePattern: body.resourcePattern,
        tags: body.tags,
        reason: body.reason,
        author: principal.keyId,
        expiresAt: expiry(body.expiresAt),
      });
      await announce(manager, tenantId, rule.id, 'created', rule.updatedAt);
      return viewOf(rule);
    });
  }

  get(principal: TenantPrincipal, id: string): Promise<SuppressionRuleView> {
    const tenantId = principal.tenantId;
    return this.db.run(tenantId, async (_, scope) => {
      const rule = await new SuppressionRulesRepository(scope).get(tenantId, id);
      if (rule === null) throw notFound('suppression rule', id);
      return viewOf(rule);
    });
  }

  /** Oldest first (the order in which rules win), `limit` a page. */
  list(
    principal: TenantPrincipal,
    query: ListSuppressionRulesQueryDto,
  ): Promise<SuppressionRulePage> {
    const tenantId = principal.tenantId;
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, cursorSchema);
    return this.db.run(tenantId, async (manager) => {
      const rows = await manager.query<RuleRow[]>(
        `SELECT id, account_ids, ou_ids, regions, check_ids, resource_pattern, tags, reason, author,
                expires_at, created_at, updated_at,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
           FROM public.suppression_rules
          WHERE tenant_id = $1
            AND ($2::text IS NULL
                 OR ($2 = 'active' AND (expires_at IS NULL OR expires_at > now()))
                 OR ($2 = 'expired' AND expires_at <= now()))
            AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
          ORDER BY created_at, id
          LIMIT $5`,
        [
          tenantId,
          query.state ?? null,
          after?.createdAt ?? null,
          after?.id ?? null,
          query.limit + 1,
        ],
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const now = Date.now();
      return {
        items: page.map((row) => viewOfRow(row, now)),
        nextCursor:
          rows.length > query.limit && last !== undefined
            ? encodeCursor({ createdAt: last.created_key, id: last.id })
            : null,
      };
    });
  }

  update(
    principal: TenantPrincipal,
    id: string,
    body: UpdateSuppressionRuleDto,
  ): Promise<SuppressionRuleView> {
    const tenantId = principal.tenantId;
    return this.db.run(tenantId, async (manager, scope) => {
      // Locked first: two concurrent changes apply one after the other, neither lost.
      const locked = await manager.query<{ id: string }[]>(
        `SELECT id FROM public.suppression_rules WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
        [tenantId, id],
      );
      if (locked.length === 0) throw notFound('suppression rule', id);
      const rules = new SuppressionRulesRepository(scope);
      const current = await rules.get(tenantId, id);
      if (current === null) throw notFound('suppression rule', id);
      const patch: SuppressionRulePatch = {
        accountIds: body.accountIds,
        ouIds: body.ouIds,
        regions: body.regions,
        checkIds: body.checkIds,
        resourcePattern: body.resourcePattern,
        tags: body.tags,
        reason: body.reason,
        author: principal.keyId,
        expiresAt: expiry(body.expiresAt),
      };
      const merged = {
        accountIds: patch.accountIds ?? current.accountIds,
        ouIds: patch.ouIds ?? current.ouIds,
        regions: patch.regions ?? current.regions,
        checkIds: patch.checkIds ?? current.checkIds,
        resourcePattern:
          patch.resourcePattern === undefined ? current.resourcePattern : patch.resourcePattern,
        tags: patch.tags ?? current.tags,
      };
      if (!hasCriterion(merged)) throw invalidField('body', NO_CRITERION);
      const rule = await rules.update(tenantId, id, patch);
      if (rule === null) throw notFound('suppression rule', id);
      await announce(manager, tenantId, rule.id, 'updated', rule.updatedAt);
      return viewOf(rule);
    });
  }

  remove(principal: TenantPrincipal, id: string): Promise<void> {
    const tenantId = principal.tenantId;
    return this.db.run(tenantId, async (manager, scope) => {
      const deleted = await new SuppressionRulesRepository(scope).delete(tenantId, id);
      if (!deleted) throw notFound('suppression rule', id);
      await announce(manager, tenantId, id, 'deleted', new Date());
    });
  }
}

function announce(
  manager: EntityManager,
  tenantId: TenantId,
  ruleId: string,
  change: RulesChanged['change'],
  at: Date,
): Promise<void> {
  return enqueueOutbox(manager, Topics.rulesChanged, {
    schemaVersion: SCHEMA_VERSION,
    tenantId,
    ruleId,
    change,
    at: at.toISOString(),
  });
}
