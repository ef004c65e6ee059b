import { accountId, checkId, region } from '@palisade/contracts';
import { z } from 'zod';
import { type TenantId } from '../tenancy/tenant-id';
import { organizationalUnitId } from '../discovery/source-config';
import { firstRow, selectCount, selectRows } from '../discovery/sql-helpers';
import { type TenantScope } from '../discovery/tenant-scope';
import { parseOrThrow } from '../discovery/validation';

/**
 * A tenant's suppression rule (`suppression_rules`). Every non-empty criterion must match (AND);
 * an empty list, a null pattern or empty tags mean "any". The normaliser applies the rules
 * (libs/normaliser/src/suppression).
 */
export interface SuppressionRule {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly accountIds: string[];
  /** OU or root ids: an OU covers every account beneath it, as in scan scopes. */
  readonly ouIds: string[];
  readonly regions: string[];
  /** A rule naming checks never matches an Inspector2 finding (it has no check). */
  readonly checkIds: string[];
  /** A glob over the resource uid (ARN): `*` any run of characters, `?` one; the rest literal. */
  readonly resourcePattern: string | null;
  /** Account tags: the account must carry every one of these key/value pairs. */
  readonly tags: Record<string, string>;
  readonly reason: string;
  readonly author: string;
  /** The rule stops applying at this instant; null = never. */
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewSuppressionRule {
  accountIds?: string[];
  ouIds?: string[];
  regions?: string[];
  checkIds?: string[];
  resourcePattern?: string | null;
  tags?: Record<string, string>;
  reason: string;
  author: string;
  expiresAt?: Date | null;
}

/** `undefined` keeps a field; `null` clears the pattern or the expiry. */
export type SuppressionRulePatch = Partial<NewSuppressionRule>;

/** A list of distinct values (duplicates dropped, first occurrence kept). */
function distinctList(item: z.ZodString, max: number, what: string) {
  return z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .transform((items) => [...new Set(items)]);
}

const ruleSchema = z
  .strictObject({
    accountIds: distinctList(accountId, 1_000, 'accounts'),
    ouIds: distinctList(organizationalUnitId, 1_000, 'OUs'),
    regions: distinctList(region, 64, 'regions'),
    checkIds: distinctList(checkId, 1_000, 'checks'),
    resourcePattern: z
      .string()
      .min(1, 'a resource pattern is not empty (null for any resource)')
      .max(2_048, 'a resource pattern is at most 2048 characters')
      .nullable(),
    tags: z
      .record(
        z.string().min(1, 'a tag key is not empty').max(128, 'a tag key is at most 128 characters'),
        z.string().max(256, 'a tag value is at most 256 characters'),
      )
      .refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags'),
    reason: z.string().min(1, 'a reason is required').max(2_000, 'at most 2000 characters'),
    author: z.string().min(1, 'an author is required').max(256, 'at most 256 characters'),
    expiresAt: z.date().nullable(),
  })
  .refine(
    (rule) =>
      rule.accountIds.length > 0 ||
      rule.ouIds.length > 0 ||
      rule.regions.length > 0 ||
      rule.checkIds.length > 0 ||
      rule.resourcePattern !== null ||
      Object.keys(rule.tags).length > 0,
    // A rule without criteria would silently suppress every finding of the tenant.
    'a rule needs at least one criterion (accounts, OUs, regions, checks, resource pattern or tags)',
  );

type RuleFields = z.output<typeof ruleSchema>;

interface RuleRow {
  id: string;
  tenant_id: TenantId;
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
}

const COLUMNS = `id, tenant_id, account_ids, ou_ids, regions, check_ids, resource_pattern, tags,
  reason, author, expires_at, created_at, updated_at`;

/**
 * `suppression_rules`, for the api (which announces every change on `rules.changed`) and tests.
 * Input is validated (`INVALID_ARGUMENT` naming every bad field).
 */
export class SuppressionRulesRepository {
  constructor(private readonly scope: TenantScope) {}

  async create(tenantId: TenantId, input: NewSuppressionRule): Promise<SuppressionRule> {
    const rule = parseRule({
      accountIds: [],
      ouIds: [],
      regions: [],
      checkIds: [],
      resourcePattern: null,
      tags: {},
      expiresAt: null,
      ...definedOnly(input),
    });
    const row = firstRow(
      await selectRows<RuleRow>(
        this.scope.managerFor(tenantId),
        `INSERT INTO public.suppression_rules (tenant_id, account_ids, ou_ids, regions, check_ids,
                                               resource_pattern, tags, reason, author, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING ${COLUMNS}`,
        [tenantId, ...values(rule)],
      ),
    );
    return toRule(row);
  }

  async get(tenantId: TenantId, id: string): Promise<SuppressionRule | null> {
    const rows = await selectRows<RuleRow>(
      this.scope.managerFor(tenantId),
      `SELECT ${COLUMNS} FROM public.suppression_rules WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] === undefined ? null : toRule(rows[0]);
  }

  /** The tenant's rules, oldest first (the order in which they win); `activeAt` drops expired ones. */
  async list(tenantId: TenantId, options: { activeAt?: Date } = {}): Promise<SuppressionRule[]> {
    const rows = await selectRows<RuleRow>(
      this.scope.managerFor(tenantId),
      `SELECT ${COLUMNS} FROM public.suppression_rules
        WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR expires_at IS NULL OR expires_at > $2)
        ORDER BY created_at, id`,
      [tenantId, options.activeAt ?? null],
    );
    return rows.map(toRule);
  }

  /** Changes a rule (validated as a whole); null when there is none with that id. */
  async update(
    tenantId: TenantId,
    id: string,
    patch: SuppressionRulePatch,
  ): Promise<SuppressionRule | null> {
    const current = await this.get(tenantId, id);
    if (current === null) return null;
    const rule = parseRule({
      accountIds: current.accountIds,
      ouIds: current.ouIds,
      regions: current.regions,
      checkIds: current.checkIds,
      resourcePattern: current.resourcePattern,
      tags: current.tags,
      reason: current.reason,
      author: current.author,
      expiresAt: current.expiresAt,
      ...definedOnly(patch),
    });
    const rows = await selectRows<RuleRow>(
      this.scope.managerFor(tenantId),
      `WITH changed AS (
         UPDATE public.suppression_rules
            SET account_ids = $3, ou_ids = $4, regions = $5, check_ids = $6,
                resource_pattern = $7, tags = $8::jsonb, reason = $9, author = $10,
                expires_at = $11
          WHERE tenant_id = $1 AND id = $2
         RETURNING ${COLUMNS}
       ) SELECT * FROM changed`,
      [tenantId, id, ...values(rule)],
    );
    return rows[0] === undefined ? null : toRule(rows[0]);
  }

  /**
   * Deletes a rule; false when there was none. Findings it suppressed keep its id until the
   * normaliser re-applies the rules (`rules.changed`, and its expiry sweep catches leftovers).
   */
  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    const deleted = await selectCount(
      this.scope.managerFor(tenantId),
      `WITH gone AS (
         DELETE FROM public.suppression_rules WHERE tenant_id = $1 AND id = $2 RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
      [tenantId, id],
    );
    return deleted === 1;
  }
}

function parseRule(value: unknown): RuleFields {
  return parseOrThrow(ruleSchema, value, 'suppression rule');
}

function values(rule: RuleFields): unknown[] {
  return [
    rule.accountIds,
    rule.ouIds,
    rule.regions,
    rule.checkIds,
    rule.resourcePattern,
    JSON.stringify(rule.tags),
    rule.reason,
    rule.author,
    rule.expiresAt,
  ];
}

function toRule(row: RuleRow): SuppressionRule {
  return {
    id: row.id,
    tenantId: row.tenant_id,
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
  };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
