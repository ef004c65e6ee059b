// Seeds the fleet organizations and a client's standalone accounts into moto: the accounts,
// then each account's declared posture, a few accounts at a time (moto is one Python process).
import { forEachBounded } from '@palisade/aws';
import { type ProxyRule } from '../aws-proxy';
import {
  credentialsIn,
  randomAccountId,
  type ResolvedTarget,
  resolveTarget,
  type SeedTarget,
} from '../aws-seed/management-account';
import { placeSpec, ROOT_PATH } from '../aws-seed/organization-spec';
import { seedOrganization } from '../aws-seed/seed-organization';
import { type SeededOrganization } from '../aws-seed/seeded-organization';
import { type DemoPosture } from '../demo/account-posture';
import {
  DEMO_MANAGEMENT,
  DEMO_MEMBER_ROLE,
  DEMO_REGIONS,
  type DemoAccount,
} from '../demo/demo-organization';
import { seedAccountPosture } from '../demo/seed-account-posture';
import {
  CLIENT_ROLE_NAME,
  clientAccountSpec,
  type FleetSize,
  fleetOrganizationSpec,
  postureRegions,
} from './fleet-spec';

/** An account whose posture was seeded: what `fixMisconfigurations` and `breakAgain` change. */
export interface PostureAccount extends Omit<DemoAccount, 'ouPath' | 'tags'> {
  /** The regions seeded (the first holds the global services' calls). */
  readonly regions: readonly string[];
}

/** A member (or the management account) of a fleet organization. */
export interface FleetAccount extends DemoAccount, PostureAccount {}

export interface RefusedAccount {
  readonly name: string;
  readonly accountId: string;
  /** The member role the scan assumes there, which `refusedAccountRule` refuses. */
  readonly roleArn: string;
}

export interface FleetOrganization {
  readonly size: FleetSize;
  /** Ids and management credentials; `close()` it when done. */
  readonly organization: SeededOrganization;
  readonly regions: readonly string[];
  /** The role scans assume in members (moto's CreateAccount creates it). */
  readonly memberRoleName: string;
  readonly management: FleetAccount;
  /** Every account by name, `management` (DEMO_MANAGEMENT) included, management first then breadth-first. */
  readonly accounts: Readonly<Record<string, FleetAccount>>;
  /** The member the fault proxy refuses with `refusedAccountRule` (seeded like the others). */
  readonly refusedAccount: RefusedAccount;
}

export interface FleetSeedOptions {
  readonly size: FleetSize;
  /** Default DEMO_REGIONS; must hold every region a posture uses. */
  readonly regions?: readonly string[];
  /** Accounts seeded at once (default 3). */
  readonly concurrency?: number;
}

export interface ClientAccounts {
  readonly regions: readonly string[];
  /** The role name to put in the `accounts` source (`memberRoleName`). */
  readonly roleName: string;
  /** In order: `acme-1-prod`, `acme-2-web`, `acme-3-dev`, `acme-4-prod`, ... */
  readonly accounts: readonly PostureAccount[];
}

export interface ClientSeedOptions {
  readonly count: number;
  readonly regions?: readonly string[];
  readonly concurrency?: number;
}

const DEFAULT_CONCURRENCY = 3;

function checkRegions(postures: Readonly<Record<string, DemoPosture>>, regions: readonly string[]) {
  const problems = Object.entries(postures).flatMap(([name, p]) =>
    postureRegions(p)
      .filter((r) => !regions.includes(r))
      .map((r) => `${name} uses ${r}`),
  );
  if (problems.length > 0) {
    throw new Error(`regions ${regions.join(', ')} miss a posture's: ${problems.join('; ')}`);
  }
}

/** Seeds each account's posture, `concurrency` at a time; returns them in the order given. */
async function seedPostures<A extends { name: string; accountId: string }>(
  target: ResolvedTarget,
  accounts: readonly A[],
  postures: Readonly<Record<string, DemoPosture>>,
  regions: readonly string[],
  concurrency: number,
): Promise<(A & PostureAccount)[]> {
  const seeded = new Map<string, A & PostureAccount>();
  await forEachBounded(accounts, concurrency, async (a) => {
    const posture = postures[a.name];
    if (posture === undefined) throw new Error(`no posture for ${a.name}`);
    const credentials = await credentialsIn(target, a.accountId, 'palisade-fleet-seed');
    const result = await seedAccountPosture(
      {
        endpoint: target.endpoint,
        accountId: a.accountId,
        accountName: a.name,
        credentials,
        regions,
      },
      posture,
    );
    seeded.set(a.name, { ...a, posture, regions, ...result });
  });
  return accounts.map((a) => {
    const s = seeded.get(a.name);
    if (s === undefined) throw new Error(`${a.name} was not seeded`);
    return s;
  });
}

/** Seeds a fresh, isolated fleet organization of the given size and every account's posture. */
export async function seedFleetOrganization(
  target: SeedTarget,
  opts: FleetSeedOptions,
): Promise<FleetOrganization> {
  const regions = opts.regions ?? DEMO_REGIONS;
  const spec = fleetOrganizationSpec(opts.size);
  checkRegions(spec.postures, regions);
  const organization = await seedOrganization(target, spec.organization);
  try {
    const members = placeSpec(spec.organization).accounts.map(({ spec: { name } }) => {
      const a = organization.accounts[name];
      if (a === undefined) throw new Error(`account ${name} was not seeded`);
      return { name, accountId: a.accountId, ouPath: a.ouPath, tags: a.tags };
    });
    const management = {
      name: DEMO_MANAGEMENT,
      accountId: organization.managementAccountId,
      ouPath: ROOT_PATH,
      tags: { ...spec.organization.management?.tags },
    };
    const accounts = await seedPostures(
      resolveTarget(target),
      [management, ...members],
      spec.postures,
      regions,
      opts.concurrency ?? DEFAULT_CONCURRENCY,
    );
    const refused = accounts.find((a) => a.name === spec.refused);
    const [seededManagement] = accounts;
    if (refused === undefined || seededManagement === undefined) {
      throw new Error(`the refused account ${spec.refused} was not seeded`);
    }
    return {
      size: opts.size,
      organization,
      regions,
      memberRoleName: DEMO_MEMBER_ROLE,
      management: seededManagement,
      accounts: Object.fromEntries(accounts.map((a) => [a.name, a])),
      refusedAccount: {
        name: refused.name,
        accountId: refused.accountId,
        roleArn: `arn:aws:iam::${refused.accountId}:role/${DEMO_MEMBER_ROLE}`,
      },
    };
  } catch (err) {
    organization.close();
    throw err;
  }
}

/** The fault proxy rule refusing AssumeRole into the fleet's refused member (and nothing else). */
export function refusedAccountRule(fleet: Pick<FleetOrganization, 'refusedAccount'>): ProxyRule {
  return { kind: 'assumeRoleRefused', roleArn: fleet.refusedAccount.roleArn };
}

/**
 * Seeds `count` standalone accounts (random ids, in no organization) with the client postures,
 * for an `accounts` source: moto lets any caller assume `roleName` in them.
 */
export async function seedClientAccounts(
  target: SeedTarget,
  opts: ClientSeedOptions,
): Promise<ClientAccounts> {
  const regions = opts.regions ?? DEMO_REGIONS;
  const specs = Array.from({ length: opts.count }, (_, i) => clientAccountSpec(i));
  const postures = Object.fromEntries(specs.map((s) => [s.name, s.posture]));
  checkRegions(postures, regions);
  const accounts = await seedPostures(
    resolveTarget(target),
    specs.map((s) => ({ name: s.name, accountId: randomAccountId() })),
    postures,
    regions,
    opts.concurrency ?? DEFAULT_CONCURRENCY,
  );
  return { regions, roleName: CLIENT_ROLE_NAME, accounts };
}
