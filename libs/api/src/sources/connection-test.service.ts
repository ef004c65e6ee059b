import { randomUUID } from 'node:crypto';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Inject, Injectable } from '@nestjs/common';
import { type ApiConfig, APP_CONFIG } from '@palisade/config';
import {
  accountOfArn,
  AwsClientFactory,
  AwsSessionFactory,
  classifyAwsError,
  type ClassifiedAwsError,
  mapBounded,
  type Partition,
  partitionOf,
} from '@palisade/aws';
import { type RoleHop } from '@palisade/contracts';
import {
  type AccountsSourceConfig,
  type OrganizationSourceConfig,
  type SourceEntity,
  SourcesRepository,
  TenantSettingsRepository,
  type TenantId,
} from '@palisade/persistence';
import { notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import {
  CONNECTION_TEST_LIMITS,
  ConnectionTimeoutError,
  sourceIdentityOf,
  summarise,
  withTimeout,
} from './connection-test';
import { type ConnectionCheckView, type ConnectionTestView } from './sources.dto';

/** What one check tests: a role to assume, or the base identity itself. */
type Target = RoleTarget | BaseIdentityTarget;

interface RoleTarget {
  readonly kind: 'role';
  readonly accountId: string;
  readonly role: 'management' | 'member';
  /** The customer's role; null when its ARN could not be formed (`failure` says why). */
  readonly roleArn: string | null;
  readonly failure?: ClassifiedAwsError;
}

/**
 * An organization source without a management role (only the CLI makes one): its scans walk
 * the organization with the base identity, so that is what is tested, assuming nothing.
 */
interface BaseIdentityTarget {
  readonly kind: 'base';
  /** The base identity's account; empty when it could not be read (`failure` says why). */
  readonly accountId: string;
  readonly role: 'management';
  readonly failure?: ClassifiedAwsError;
}

interface Plan {
  readonly source: SourceEntity;
  readonly externalId: string;
  /** ACTIVE inventory accounts of an organization source, by id, at most the member limit. */
  readonly members: string[];
  readonly membersKnown: number;
}

interface ActiveAccountRow {
  account_id: string;
  known: number;
}

/** What a role (or the base identity) answered with. */
interface Probe {
  identityArn: string | undefined;
  sourceIdentity: boolean;
  organizationId: string | undefined;
}

const MEMBER_NOTE = {
  accounts: 'Every listed account, with the role a scan assumes in it.',
  organization:
    'The management role (or the base identity, for a source without one), then the ACTIVE ' +
    `accounts of the inventory by account id (at most ${CONNECTION_TEST_LIMITS.members}), as ` +
    'the last scan discovered them and before the source’s scope filters; run a scan to ' +
    'discover a new organization.',
} as const;

/**
 * The preflight of a source, now: assumes each role the source's scans would assume (hub role
 * first when the source has one, then the customer's role with the tenant's ExternalId), calls
 * sts:GetCallerIdentity with it, and organizations:DescribeOrganization with the management
 * role — or, for an organization source the CLI made without one, with the base identity
 * itself. Every AWS failure is a result with its code, never an HTTP error.
 */
@Injectable()
export class ConnectionTestService {
  constructor(
    private readonly db: TenantDb,
    private readonly sessions: AwsSessionFactory,
    private readonly clients: AwsClientFactory,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  async test(tenantId: TenantId, sourceId: string): Promise<ConnectionTestView> {
    const plan = await this.plan(tenantId, sourceId);
    const { source, externalId } = plan;
    const testedAt = new Date().toISOString();
    const targets = await this.targets(plan);
    const runId = randomUUID();
    const accounts = await mapBounded(targets, CONNECTION_TEST_LIMITS.concurrency, (target) =>
      this.check(tenantId, runId, target, externalId, source.config.hubRoleArn),
    );
    const listed =
      source.kind === 'accounts' ? (source.config as AccountsSourceConfig).accounts.length : 0;
    return {
      sourceId: source.id,
      testedAt,
      summary: summarise(accounts),
      coverage: {
        accountsKnown: source.kind === 'accounts' ? listed : plan.membersKnown,
        accountsTested: source.kind === 'accounts' ? listed : plan.members.length,
        limit: CONNECTION_TEST_LIMITS.members,
        note: MEMBER_NOTE[source.kind],
      },
      accounts,
    };
  }

  private plan(tenantId: TenantId, sourceId: string): Promise<Plan> {
    return this.db.run(tenantId, async (manager, scope) => {
      const source = await new SourcesRepository(scope).get(tenantId, sourceId);
      if (!source) throw notFound('source', sourceId);
      const { externalId } = await new TenantSettingsRepository(scope).ensure(tenantId);
      if (source.kind !== 'organization') {
        return { source, externalId, members: [], membersKnown: 0 };
      }
      const rows: ActiveAccountRow[] = await manager.query(
        `SELECT account_id, count(*) OVER ()::int AS known
           FROM public.accounts
          WHERE tenant_id = $1 AND source_id = $2 AND removed_at IS NULL AND state = 'ACTIVE'
          ORDER BY account_id
          LIMIT $3`,
        [tenantId, source.id, CONNECTION_TEST_LIMITS.members],
      );
      return {
        source,
        externalId,
        members: rows.map((row) => row.account_id),
        membersKnown: rows[0]?.known ?? 0,
      };
    });
  }

  private async targets(plan: Plan): Promise<Target[]> {
    const { source } = plan;
    if (source.kind === 'organization') {
      const config = source.config as OrganizationSourceConfig;
      const management = config.managementRoleArn;
      if (management === undefined) {
        const identity = await this.baseIdentity();
        const partition =
          config.hubRoleArn === undefined ? identity : await this.partitionFor(config.hubRoleArn);
        return [
          'failure' in identity
            ? { kind: 'base', accountId: '', role: 'management', failure: identity.failure }
            : { kind: 'base', accountId: identity.accountId, role: 'management' },
          ...plan.members.map((accountId) =>
            memberTarget(accountId, partition, config.memberRoleName),
          ),
        ];
      }
      const partition = partitionOfRole('managementRoleArn', management);
      return [
        {
          kind: 'role',
          accountId: accountOfArn(management) ?? '',
          role: 'management',
          roleArn: management,
        },
        ...plan.members.map((accountId) =>
          memberTarget(accountId, partition, config.memberRoleName),
        ),
      ];
    }
    const config = source.config as AccountsSourceConfig;
    const needsPartition = config.accounts.some((account) => account.roleArn === undefined);
    const partition = needsPartition ? await this.partitionFor(config.hubRoleArn) : undefined;
    return config.accounts.map((account) =>
      account.roleArn !== undefined
        ? { kind: 'role', accountId: account.accountId, role: 'member', roleArn: account.roleArn }
        : memberTarget(account.accountId, partition, config.memberRoleName),
    );
  }

  /** The partition member role ARNs live in: the hub role's, else Palisade's own identity's. */
  private async partitionFor(hubRoleArn: string | undefined): Promise<PartitionOutcome> {
    if (hubRoleArn !== undefined) return partitionOfRole('hubRoleArn', hubRoleArn);
    return this.baseIdentity();
  }

  /** Palisade's own identity (sts:GetCallerIdentity): its account and partition, or why not. */
  private async baseIdentity(): Promise<
    { accountId: string; partition: Partition } | { failure: ClassifiedAwsError }
  > {
    try {
      const { accountId, partition } = await this.sessions.baseSession();
      return { accountId, partition };
    } catch (error) {
      const failure = classifyAwsError(error);
      return {
        failure: {
          ...failure,
          message: `Palisade’s own AWS identity could not be read: ${failure.message}`,
        },
      };
    }
  }

  private async check(
    tenantId: TenantId,
    runId: string,
    target: Target,
    externalId: string,
    hubRoleArn: string | undefined,
  ): Promise<ConnectionCheckView> {
    const started = Date.now();
    const base = {
      accountId: target.accountId,
      role: target.role,
      roleArn: target.kind === 'role' ? (target.roleArn ?? '') : '',
    };
    if (target.kind === 'base' && target.failure !== undefined) {
      return { ...base, ok: false, ...failureOf(target.failure), durationMs: 0 };
    }
    // The base identity assumes no role: an empty chain is that identity's own session.
    let roleChain: RoleHop[] = [];
    if (target.kind === 'role') {
      if (target.roleArn === null) {
        return { ...base, ok: false, ...failureOf(target.failure), durationMs: 0 };
      }
      roleChain = [
        ...(hubRoleArn !== undefined ? [{ roleArn: hubRoleArn }] : []),
        { roleArn: target.roleArn, externalId },
      ];
    }
    try {
      const probe = await withTimeout(
        this.probe(tenantId, runId, roleChain, target.role === 'management'),
        this.config.api.connectionTestTimeoutMs,
      );
      return {
        ...base,
        ok: true,
        ...(probe.identityArn !== undefined ? { identityArn: probe.identityArn } : {}),
        ...(target.kind === 'role' ? { sourceIdentity: probe.sourceIdentity } : {}),
        ...(probe.organizationId !== undefined ? { organizationId: probe.organizationId } : {}),
        durationMs: Date.now() - started,
      };
    } catch (error) {
      const failure =
        error instanceof ConnectionTimeoutError
          ? { code: 'TIMEOUT' as const, message: error.message }
          : failureOf(classifyAwsError(error));
      return { ...base, ok: false, ...failure, durationMs: Date.now() - started };
    }
  }

  /**
   * Assumes the chain (none: the base identity itself), then calls with it. The customer's role
   * is dropped from the credential cache afterwards, so the next test assumes it again instead
   * of reusing a session.
   */
  private async probe(
    tenantId: TenantId,
    runId: string,
    roleChain: RoleHop[],
    management: boolean,
  ): Promise<Probe> {
    const session = await this.sessions.session({
      tenantId,
      scanId: `test-${runId}`,
      roleChain,
      sourceIdentity: sourceIdentityOf(tenantId),
    });
    try {
      const sts = this.clients.createClient(STSClient, {
        region: session.stsRegion,
        service: 'sts',
        session,
      });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      let organizationId: string | undefined;
      if (management) {
        const organizations = this.clients.createClient(OrganizationsClient, {
          region: session.stsRegion,
          service: 'organizations',
          session,
        });
        const described = await organizations.send(new DescribeOrganizationCommand({}));
        organizationId = described.Organization?.Id;
      }
      return {
        identityArn: identity.Arn,
        sourceIdentity: session.sourceIdentityUsed,
        organizationId,
      };
    } finally {
      session.credentials.invalidate();
    }
  }
}

type PartitionOutcome = { partition: Partition } | { failure: ClassifiedAwsError };

/** The partition of a role ARN of the source's config, or why there is none. */
function partitionOfRole(field: string, roleArn: string): PartitionOutcome {
  try {
    return { partition: partitionOf(roleArn) };
  } catch {
    return {
      failure: {
        code: 'AWS_ERROR',
        retriable: false,
        message: `the source's ${field} names no known AWS partition: ${roleArn}`,
      },
    };
  }
}

/** A member account's role, `arn:<partition>:iam::<account>:role/<memberRoleName>`. */
function memberTarget(
  accountId: string,
  partition: PartitionOutcome | undefined,
  roleName: string,
): RoleTarget {
  if (partition === undefined || 'failure' in partition) {
    return {
      kind: 'role',
      accountId,
      role: 'member',
      roleArn: null,
      ...(partition === undefined ? {} : { failure: partition.failure }),
    };
  }
  return {
    kind: 'role',
    accountId,
    role: 'member',
    roleArn: `arn:${partition.partition}:iam::${accountId}:role/${roleName}`,
  };
}

function failureOf(
  failure: ClassifiedAwsError | undefined,
): Pick<ConnectionCheckView, 'code' | 'awsCode' | 'message'> {
  if (failure === undefined) return { code: 'AWS_ERROR', message: 'no role to assume' };
  return {
    code: failure.code,
    ...(failure.awsCode !== undefined ? { awsCode: failure.awsCode } : {}),
    message: failure.message,
  };
}
