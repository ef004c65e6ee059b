// The handle `seedOrganization` returns: ids of everything created, and the changes tests make
// between two walks (move an account, remove it, close it).
import {
  CloseAccountCommand,
  ListParentsCommand,
  MoveAccountCommand,
  type OrganizationsClient,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { type AwsClientConfig, awsClientConfig, type ProxyCredentials } from '../aws-proxy';

export type SeededAccountState = 'ACTIVE' | 'SUSPENDED' | 'REMOVED';

export interface SeededAccount {
  accountId: string;
  name: string;
  email: string;
  /** Where the account is now (`Root`, `Root/Workloads/Prod`). */
  ouPath: string;
  tags: Record<string, string>;
  state: SeededAccountState;
}

export interface LaterChanges {
  moved: { accountId: string; from: string; to: string }[];
  removed: string[];
}

interface Pending {
  name: string;
  moveTo?: string;
  leave: boolean;
}

export class SeededOrganization {
  /** Accounts by name (members only; the management account is `managementAccountId`). */
  readonly accounts: Record<string, SeededAccount> = {};
  /** OU path → id; `Root` → the root id. */
  readonly ouIds: Record<string, string> = {};
  /** Policy name → id. */
  readonly policyIds: Record<string, string> = {};
  /** @internal Changes declared in the spec for `applyLaterChanges`. */
  readonly pending: Pending[] = [];

  constructor(
    readonly organizationId: string,
    readonly managementAccountId: string,
    readonly rootId: string,
    /** Credentials acting in the management account. */
    readonly credentials: ProxyCredentials,
    private readonly endpoint: string,
    private readonly region: string,
    /** An Organizations client acting in the management account (for anything else a test needs). */
    readonly client: OrganizationsClient,
  ) {}

  /** Client settings acting in the management account at `endpoint` (default: where it was seeded). */
  clientConfig(endpoint = this.endpoint): AwsClientConfig {
    return awsClientConfig(endpoint, this.credentials, this.region);
  }

  /** The id of an account by name (an account id is returned as is). */
  accountId(nameOrId: string): string {
    if (/^\d{12}$/.test(nameOrId)) return nameOrId;
    const a = this.accounts[nameOrId];
    if (!a) throw new Error(`no seeded account named "${nameOrId}"`);
    return a.accountId;
  }

  /** The id of an OU by path (`Root` for the root). */
  ouId(path: string): string {
    const id = this.ouIds[path];
    if (id === undefined) throw new Error(`no seeded OU at ${path}`);
    return id;
  }

  /** Account ids by state (members, plus the management account as ACTIVE). */
  accountIdsIn(state: SeededAccountState): string[] {
    const ids = Object.values(this.accounts)
      .filter((a) => a.state === state)
      .map((a) => a.accountId);
    return state === 'ACTIVE' ? [this.managementAccountId, ...ids] : ids;
  }

  /** MoveAccount from wherever Organizations says it is (ListParents) to the OU at `toPath`. */
  async moveAccount(nameOrId: string, toPath: string): Promise<{ from: string; to: string }> {
    const accountId = this.accountId(nameOrId);
    const parents = await this.client.send(new ListParentsCommand({ ChildId: accountId }));
    const source = parents.Parents?.[0]?.Id;
    if (source === undefined) throw new Error(`account ${accountId} has no parent`);
    const destination = this.ouId(toPath);
    await this.client.send(
      new MoveAccountCommand({
        AccountId: accountId,
        SourceParentId: source,
        DestinationParentId: destination,
      }),
    );
    const from = this.pathOf(source);
    const known = this.byId(accountId);
    if (known) known.ouPath = toPath;
    return { from, to: toPath };
  }

  /** RemoveAccountFromOrganization (the account leaves; ListAccounts* no longer show it). */
  async removeAccount(nameOrId: string): Promise<void> {
    const accountId = this.accountId(nameOrId);
    await this.client.send(new RemoveAccountFromOrganizationCommand({ AccountId: accountId }));
    const known = this.byId(accountId);
    if (known) known.state = 'REMOVED';
  }

  /** CloseAccount (moto: straight to SUSPENDED, no PENDING_CLOSURE). */
  async closeAccount(nameOrId: string): Promise<void> {
    const accountId = this.accountId(nameOrId);
    await this.client.send(new CloseAccountCommand({ AccountId: accountId }));
    const known = this.byId(accountId);
    if (known) known.state = 'SUSPENDED';
  }

  /** Makes the spec's `moveTo` moves and `leave: 'later'` removals (once). */
  async applyLaterChanges(): Promise<LaterChanges> {
    const changes: LaterChanges = { moved: [], removed: [] };
    for (const p of this.pending.splice(0)) {
      const accountId = this.accountId(p.name);
      if (p.moveTo !== undefined) {
        const { from, to } = await this.moveAccount(accountId, p.moveTo);
        changes.moved.push({ accountId, from, to });
      }
      if (p.leave) {
        await this.removeAccount(accountId);
        changes.removed.push(accountId);
      }
    }
    return changes;
  }

  /** Releases the seeding client's sockets. */
  close(): void {
    this.client.destroy();
  }

  private byId(accountId: string): SeededAccount | undefined {
    return Object.values(this.accounts).find((a) => a.accountId === accountId);
  }

  private pathOf(ouId: string): string {
    const hit = Object.entries(this.ouIds).find(([, id]) => id === ouId);
    return hit ? hit[0] : ouId;
  }
}
