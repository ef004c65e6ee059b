// Policy types on the root, policies attached to OUs and accounts, delegated administrators,
// and the management account's tags.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  type PolicyType,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { type OrganizationSpec } from './organization-spec';
import { tagsOf } from './seed-members';
import { type SeededOrganization } from './seeded-organization';

/** AWS refuses to attach a policy of a type the root has not enabled (moto does not check). */
export async function enablePolicyTypes(
  seeded: SeededOrganization,
  spec: OrganizationSpec,
): Promise<void> {
  const types = new Set<string>(spec.enablePolicyTypes ?? spec.policies?.map((p) => p.type));
  for (const type of [...types].sort()) {
    await seeded.client.send(
      new EnablePolicyTypeCommand({ RootId: seeded.rootId, PolicyType: type as PolicyType }),
    );
  }
}

export async function createPolicies(
  seeded: SeededOrganization,
  spec: OrganizationSpec,
): Promise<void> {
  for (const p of spec.policies ?? []) {
    const out = await seeded.client.send(
      new CreatePolicyCommand({
        Name: p.name,
        Type: p.type,
        Description: p.description ?? p.name,
        Content: typeof p.content === 'string' ? p.content : JSON.stringify(p.content),
      }),
    );
    const id = out.Policy?.PolicySummary?.Id;
    if (id === undefined) throw new Error(`CreatePolicy ${p.name}: no id`);
    seeded.policyIds[p.name] = id;
    for (const t of p.targets) {
      const targetId = seeded.ouIds[t] ?? seeded.accountId(t);
      await seeded.client.send(new AttachPolicyCommand({ PolicyId: id, TargetId: targetId }));
    }
  }
}

export async function registerDelegatedAdministrators(
  seeded: SeededOrganization,
  spec: OrganizationSpec,
): Promise<void> {
  for (const d of spec.delegatedAdministrators ?? []) {
    for (const principal of d.servicePrincipals) {
      await seeded.client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
      await seeded.client.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: seeded.accountId(d.account),
          ServicePrincipal: principal,
        }),
      );
    }
  }
}

export async function tagManagementAccount(
  seeded: SeededOrganization,
  spec: OrganizationSpec,
): Promise<void> {
  if (!spec.management?.tags) return;
  await seeded.client.send(
    new TagResourceCommand({
      ResourceId: seeded.managementAccountId,
      Tags: tagsOf(spec.management.tags),
    }),
  );
}
