import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { Injectable } from '@nestjs/common';
import { accountOfArn, AwsClientFactory, AwsSessionFactory } from '@palisade/aws';
import { type RoleHop, type ScanRequested } from '@palisade/contracts';
import {
  type AccountsSourceConfig,
  DiscoveryTransactions,
  type OrganizationSourceConfig,
  type SourceEntity,
  type TenantId,
} from '@palisade/persistence';
import {
  applyScope,
  type OrganizationInventory,
  toOuSnapshot,
  walkOrganization,
} from '../organizations';
import { memberRoleArn, ORGANIZATIONS_REGION, roleChainTo, sourceIdentityFor } from './role-chain';
import { type ScanTargets } from './scan-targets';

export interface ResolveInput {
  tenantId: TenantId;
  request: ScanRequested;
  source: SourceEntity;
  externalId: string;
}

/**
 * Resolves a scan request to its target accounts: walks the organization (or reads the static
 * list), upserts the inventory, applies the source's scope filters and then the request's own
 * selection. Accounts excluded by the source's filters, suspended or gone are `skipped` with
 * their reason; accounts outside the request's explicit selection are simply not part of it.
 */
@Injectable()
export class TargetResolver {
  constructor(
    private readonly sessions: AwsSessionFactory,
    private readonly clients: AwsClientFactory,
    private readonly transactions: DiscoveryTransactions,
  ) {}

  async resolve(input: ResolveInput): Promise<ScanTargets> {
    return input.source.kind === 'organization'
      ? this.resolveOrganization(input, input.source.config as OrganizationSourceConfig)
      : this.resolveAccounts(input, input.source.config as AccountsSourceConfig);
  }

  private async resolveOrganization(
    { tenantId, request, source, externalId }: ResolveInput,
    config: OrganizationSourceConfig,
  ): Promise<ScanTargets> {
    const managementChain = managementChainOf(config, externalId);
    const session = await this.sessions.session({
      tenantId,
      scanId: request.scanId,
      roleChain: managementChain,
      sourceIdentity: sourceIdentityFor(tenantId),
    });
    const organizations = this.clients.createClient(OrganizationsClient, {
      region: ORGANIZATIONS_REGION[session.partition] ?? 'us-east-1',
      service: 'organizations',
      session,
    });
    const inventory = await walkOrganization(organizations, { includePolicies: true });
    const known = await this.recordInventory(tenantId, source.id, inventory);

    const bySource = applyScope(inventory.accounts, config.scope, {
      previouslyKnownAccountIds: known,
    });
    const selected = applyScope(bySource.inScope, {
      includeAccounts: request.scope.accountIds ?? [],
      includeOus: request.scope.ouIds ?? [],
    }).inScope;
    const requestedIds = request.scope.accountIds;
    return {
      sourceKind: 'organization',
      accounts: selected.map((account) => ({
        accountId: account.accountId,
        roleChain: roleChainTo(
          memberRoleArn(session.partition, account.accountId, config.memberRoleName),
          externalId,
          config.hubRoleArn,
        ),
      })),
      skipped: bySource.skipped
        .filter((skip) => requestedIds === undefined || requestedIds.includes(skip.accountId))
        .map(({ accountId, reason, detail }) => ({ accountId, reason, detail })),
      organization: {
        accountId: session.accountId ?? inventory.managementAccountId,
        roleChain: managementChain,
        ouSnapshot: toOuSnapshot(inventory),
      },
    };
  }

  /**
   * The account that walks the organization of `config`: the management role's, else (a source
   * walked with the base identity) the base identity's; undefined when neither can be told.
   */
  async managementAccountOf(
    tenantId: TenantId,
    config: OrganizationSourceConfig,
  ): Promise<string | undefined> {
    if (config.managementRoleArn !== undefined) return accountOfArn(config.managementRoleArn);
    try {
      return (await this.sessions.baseSession(undefined, tenantId)).accountId;
    } catch {
      // The discovery failure being reported is the one that matters; the caller falls back.
      return undefined;
    }
  }

  /** Upserts accounts and OUs; returns the accounts known before, so those now absent are REMOVED. */
  private async recordInventory(
    tenantId: TenantId,
    sourceId: string,
    inventory: OrganizationInventory,
  ): Promise<string[]> {
    return this.transactions.run(tenantId, async ({ accounts }) => {
      const before = (await accounts.listActive(tenantId, sourceId)).map((a) => a.accountId);
      await accounts.upsertInventory(
        tenantId,
        sourceId,
        inventory.accounts.map((account) => ({
          accountId: account.accountId,
          name: account.name,
          email: account.email,
          state: account.state,
          ouId: account.ouId,
          tags: account.tags,
          joinedAt: account.joinedAt === null ? null : new Date(account.joinedAt),
        })),
        inventory.units.map((unit) => ({
          ouId: unit.id,
          name: unit.name,
          parentId: unit.parentId,
          path: `/${unit.path}`,
        })),
        new Date(inventory.walkedAt),
      );
      return before;
    });
  }

  private async resolveAccounts(
    { tenantId, request, source, externalId }: ResolveInput,
    config: AccountsSourceConfig,
  ): Promise<ScanTargets> {
    const base = await this.sessions.baseSession(undefined, tenantId);
    await this.transactions.run(tenantId, ({ accounts }) =>
      accounts.upsertInventory(
        tenantId,
        source.id,
        config.accounts.map((account) => ({
          accountId: account.accountId,
          name: account.accountId,
          state: 'ACTIVE',
          roleArn: account.roleArn ?? null,
        })),
        [],
        new Date(),
      ),
    );
    const wanted = request.scope.accountIds;
    return {
      sourceKind: 'accounts',
      accounts: config.accounts
        .filter((account) => wanted === undefined || wanted.includes(account.accountId))
        .map((account) => ({
          accountId: account.accountId,
          roleChain: roleChainTo(
            account.roleArn ??
              memberRoleArn(base.partition, account.accountId, config.memberRoleName),
            externalId,
            config.hubRoleArn,
          ),
        })),
      skipped: [],
    };
  }
}

/**
 * The management role through the hub role when given; no role at all for a source without one
 * (the single-user CLI's: the base identity itself is the management account's).
 */
function managementChainOf(config: OrganizationSourceConfig, externalId: string): RoleHop[] {
  return config.managementRoleArn === undefined
    ? []
    : roleChainTo(config.managementRoleArn, externalId, config.hubRoleArn);
}
