// Seeds an AWS Organization in moto for tests, the demo and benchmarks: a fresh management
// account (so organizations never see each other on a shared server), OUs to any depth,
// member accounts with tags, suspended and departed accounts, policies and delegated admins.
import {
  CreateOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  credentialsIn,
  randomAccountId,
  resolveTarget,
  type ResolvedTarget,
  type SeedTarget,
} from './management-account';
import { type OrganizationSpec, placeSpec, ROOT_PATH } from './organization-spec';
import {
  createPolicies,
  enablePolicyTypes,
  registerDelegatedAdministrators,
  tagManagementAccount,
} from './seed-governance';
import { applySeedTimeChanges, createAccounts, createOus } from './seed-members';
import { SeededOrganization } from './seeded-organization';

export interface SeedOptions {
  /** Calls in flight while creating OUs and accounts (default 8). */
  concurrency?: number;
  /** Attempts per call (default 3): seeding is set-up, not the system under test. */
  maxAttempts?: number;
}

async function createOrganization(
  target: ResolvedTarget,
  spec: OrganizationSpec,
  opts: SeedOptions,
): Promise<SeededOrganization> {
  const managementAccountId = spec.managementAccountId ?? randomAccountId();
  const credentials = await credentialsIn(target, managementAccountId);
  const client = new OrganizationsClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials,
    maxAttempts: opts.maxAttempts ?? 3,
  });
  try {
    const created = await client.send(
      new CreateOrganizationCommand({ FeatureSet: spec.featureSet ?? 'ALL' }),
    );
    const org = created.Organization;
    if (org?.Id === undefined || org.MasterAccountId !== managementAccountId) {
      throw new Error(
        `CreateOrganization in ${managementAccountId} answered ${JSON.stringify(org)}`,
      );
    }
    const rootId = (await client.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
    if (rootId === undefined) throw new Error('the new organization has no root');
    const seeded = new SeededOrganization(
      org.Id,
      managementAccountId,
      rootId,
      credentials,
      target.endpoint,
      target.region,
      client,
    );
    seeded.ouIds[ROOT_PATH] = rootId;
    return seeded;
  } catch (err) {
    client.destroy();
    throw err;
  }
}

/**
 * Creates the organization `spec` describes in a fresh management account and returns the
 * ids of everything created. The organization is isolated from every other one on the server.
 */
export async function seedOrganization(
  target: SeedTarget,
  spec: OrganizationSpec,
  opts: SeedOptions = {},
): Promise<SeededOrganization> {
  const placed = placeSpec(spec);
  const concurrency = opts.concurrency ?? 8;
  const seeded = await createOrganization(resolveTarget(target), spec, opts);
  try {
    await enablePolicyTypes(seeded, spec);
    await createOus(seeded, placed, concurrency);
    await createAccounts(seeded, placed, concurrency);
    await tagManagementAccount(seeded, spec);
    await createPolicies(seeded, spec);
    await registerDelegatedAdministrators(seeded, spec);
    await applySeedTimeChanges(seeded, placed);
  } catch (err) {
    seeded.close();
    throw err;
  }
  return seeded;
}
