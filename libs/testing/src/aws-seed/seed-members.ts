// The OU tree (level by level, parents first) and the member accounts: CreateAccount puts an
// account at the root, as in AWS, then MoveAccount places it in its OU.
import {
  CreateAccountCommand,
  type CreateAccountStatus,
  CreateOrganizationalUnitCommand,
  DescribeCreateAccountStatusCommand,
  MoveAccountCommand,
  type OrganizationsClient,
  type Tag,
} from '@aws-sdk/client-organizations';
import {
  type PlacedAccount,
  type PlacedSpec,
  ROOT_PATH,
  type SeedAccountSpec,
} from './organization-spec';
import { forEachBounded } from '@palisade/aws';
import { type SeededOrganization } from './seeded-organization';

export function tagsOf(tags: Readonly<Record<string, string>> | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

function emailOf(a: SeedAccountSpec, managementAccountId: string): string {
  if (a.email !== undefined) return a.email;
  const local = a.name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return `${local}+${managementAccountId}@example.com`;
}

/** moto answers SUCCEEDED at once; AWS says IN_PROGRESS first, so poll like a real caller. */
async function waitCreated(
  client: OrganizationsClient,
  status: CreateAccountStatus | undefined,
): Promise<string> {
  let s = status;
  for (let i = 0; i < 60 && s?.State === 'IN_PROGRESS' && s.Id !== undefined; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    s = (
      await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: s.Id }))
    ).CreateAccountStatus;
  }
  if (s?.State !== 'SUCCEEDED' || s.AccountId === undefined) {
    const why = `${s?.State ?? 'no status'} ${s?.FailureReason ?? ''}`.trim();
    throw new Error(`CreateAccount ${s?.AccountName ?? '?'}: ${why}`);
  }
  return s.AccountId;
}

export async function createOus(
  seeded: SeededOrganization,
  placed: PlacedSpec,
  concurrency: number,
): Promise<void> {
  for (let depth = 1; placed.ous.some((o) => o.depth === depth); depth += 1) {
    const level = placed.ous.filter((o) => o.depth === depth);
    await forEachBounded(level, concurrency, async (ou) => {
      const out = await seeded.client.send(
        new CreateOrganizationalUnitCommand({
          ParentId: seeded.ouId(ou.parentPath),
          Name: ou.spec.name,
          Tags: tagsOf(ou.spec.tags),
        }),
      );
      const id = out.OrganizationalUnit?.Id;
      if (id === undefined) throw new Error(`CreateOrganizationalUnit ${ou.path}: no id`);
      seeded.ouIds[ou.path] = id;
    });
  }
}

async function createAccount(seeded: SeededOrganization, placed: PlacedAccount): Promise<void> {
  const { spec: a, ouPath } = placed;
  const client = seeded.client;
  const email = emailOf(a, seeded.managementAccountId);
  const out = await client.send(
    new CreateAccountCommand({ AccountName: a.name, Email: email, Tags: tagsOf(a.tags) }),
  );
  const accountId = await waitCreated(client, out.CreateAccountStatus);
  if (ouPath !== ROOT_PATH) {
    await client.send(
      new MoveAccountCommand({
        AccountId: accountId,
        SourceParentId: seeded.rootId,
        DestinationParentId: seeded.ouId(ouPath),
      }),
    );
  }
  seeded.accounts[a.name] = {
    accountId,
    name: a.name,
    email,
    ouPath,
    tags: { ...a.tags },
    state: 'ACTIVE',
  };
}

export async function createAccounts(
  seeded: SeededOrganization,
  placed: PlacedSpec,
  concurrency: number,
): Promise<void> {
  await forEachBounded(placed.accounts, concurrency, (a) => createAccount(seeded, a));
}

/** Closes `suspended` accounts, removes `leave: 'now'` ones, keeps the later changes. */
export async function applySeedTimeChanges(
  seeded: SeededOrganization,
  placed: PlacedSpec,
): Promise<void> {
  for (const { spec: a } of placed.accounts) {
    if (a.suspended) await seeded.closeAccount(a.name);
    if (a.leave === 'now') await seeded.removeAccount(a.name);
    if (a.moveTo !== undefined || a.leave === 'later') {
      seeded.pending.push({
        name: a.name,
        ...(a.moveTo !== undefined ? { moveTo: a.moveTo } : {}),
        leave: a.leave === 'later',
      });
    }
  }
}
