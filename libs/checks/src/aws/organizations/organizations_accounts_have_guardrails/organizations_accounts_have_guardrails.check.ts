import { type CheckResult } from '@palisade/contracts';
import { type OrganizationRoot } from '../../../collected/organizations';
import { defineCheck } from '../../../framework/check';
import { type PolicyDocument, readPolicy } from '../../../framework/policy';
import { ResultBuilder } from '../../../framework/results';
import {
  accountsOf,
  type OrganizationAccount,
  organizationAccountArn,
  organizationOf,
} from '../organization';
import { metadata } from './organizations_accounts_have_guardrails.metadata';

const SCP = 'SERVICE_CONTROL_POLICY';
const RCP = 'RESOURCE_CONTROL_POLICY';
const SHORT: Record<string, string> = { [SCP]: 'SCP', [RCP]: 'RCP' };
/** AWS's default policies: attached everywhere, restricting nothing. */
const AWS_DEFAULTS = new Set(['p-FullAWSAccess', 'p-RCPFullAWSAccess']);

interface ControlPolicy {
  id: string;
  name: string;
  type: string;
  content: string;
  targetIds: readonly string[];
}

type Kind = 'guardrail' | 'allow-everything' | 'unreadable';

function allowsEverything(doc: PolicyDocument): boolean {
  return (
    doc.statements.length > 0 &&
    doc.statements.every(
      (s) =>
        s.effect === 'Allow' &&
        s.action.includes('*') &&
        s.notAction.length === 0 &&
        (s.resource.length === 0 || s.resource.includes('*')) &&
        s.notResource.length === 0 &&
        Object.keys(s.condition).length === 0,
    )
  );
}

function kindOf(policy: ControlPolicy): Kind {
  if (AWS_DEFAULTS.has(policy.id)) return 'allow-everything';
  const doc = readPolicy(policy.content);
  if (!doc.ok) return 'unreadable';
  return allowsEverything(doc.data) ? 'allow-everything' : 'guardrail';
}

function enabledTypes(root: OrganizationRoot | undefined): Set<string> {
  return new Set(
    (root?.policyTypes ?? []).filter((t) => t.status === 'ENABLED').map((t) => t.type),
  );
}

/** Where a policy applying to the account is attached: the account, or a unit of its path. */
function attachment(policy: ControlPolicy, account: OrganizationAccount): string | undefined {
  if (policy.targetIds.includes(account.accountId)) return `account ${account.accountId}`;
  const unit = [...account.ancestry].reverse().find((u) => policy.targetIds.includes(u.id));
  return unit === undefined ? undefined : unit.path;
}

export const organizationsAccountsHaveGuardrails = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const roots = collected.global('organizations.roots');
  const rcps = collected.global('organizations.resourceControlPolicies');
  if (!roots.ok || !rcps.ok) return [];
  const org = organizationOf(ctx);
  const members = accountsOf(org).filter((a) => a.accountId !== org.managementAccountId);
  const root = roots.data.find((r) => r.id === org.rootId) ?? roots.data[0];
  const enabled =
    org.featureSet === undefined || org.featureSet === 'ALL'
      ? enabledTypes(root)
      : new Set<string>();
  const scps = org.policies.filter((p) => p.type === SCP);
  const inForce: ControlPolicy[] = [
    ...(enabled.has(SCP) ? scps : []),
    ...(enabled.has(RCP) ? rcps.data.map((p) => ({ ...p, type: RCP })) : []),
  ];
  const kinds = new Map(inForce.map((p) => [p.id, kindOf(p)]));
  const scpsMissing = enabled.has(SCP) && scps.length === 0;
  const context = {
    featureSet: org.featureSet ?? 'unknown',
    rootPolicyTypesEnabled: [...enabled].sort(),
  };

  return members.map((account): CheckResult => {
    const uid = organizationAccountArn(ctx, org, account.accountId);
    const name = `Account ${account.accountId} (${account.parent.path}) of organization ${org.organizationId}`;
    const applying = inForce.flatMap((p) => {
      const at = attachment(p, account);
      return at === undefined
        ? []
        : [
            {
              id: p.id,
              name: p.name,
              type: SHORT[p.type] ?? p.type,
              attachedTo: at,
              kind: kinds.get(p.id),
            },
          ];
    });
    const evidence = {
      accountId: account.accountId,
      ouPath: account.parent.path,
      policies: applying,
      ...context,
    };
    const guardrails = applying.filter((p) => p.kind === 'guardrail');
    if (guardrails.length > 0) {
      const list = guardrails.map((p) => `${p.name} (${p.type} at ${p.attachedTo})`).join(', ');
      return results.pass(
        uid,
        `${name} is covered by ${guardrails.length} guardrail ${guardrails.length === 1 ? 'policy' : 'policies'}: ${list}`,
        evidence,
      );
    }
    if (org.featureSet !== undefined && org.featureSet !== 'ALL') {
      return results.fail(
        uid,
        `${name} has no guardrail: the organization has feature set ${org.featureSet}, not ALL, so no SCP or RCP can apply to it`,
        evidence,
      );
    }
    if (!enabled.has(SCP) && !enabled.has(RCP)) {
      return results.fail(
        uid,
        `${name} has no guardrail: root ${org.rootId} enables neither service control policies nor resource control policies`,
        evidence,
      );
    }
    const unreadable = applying.filter((p) => p.kind === 'unreadable');
    if (unreadable.length > 0) {
      return results.error(
        uid,
        'INVALID_POLICY',
        `${name}: could not read the document of ${unreadable.map((p) => p.name).join(', ')}, so whether it is a guardrail is unknown`,
        evidence,
      );
    }
    if (scpsMissing) {
      return results.error(
        uid,
        'SNAPSHOT_INCOMPLETE',
        `${name}: the OU snapshot carries no service control policy although root ${org.rootId} enables them (discovery could not list them), and no resource control policy guardrail applies`,
        evidence,
      );
    }
    const only =
      applying.length === 0
        ? 'no policy applies'
        : `only ${applying.map((p) => `${p.name} (${p.type} at ${p.attachedTo})`).join(', ')} ${applying.length === 1 ? 'applies' : 'apply'}`;
    return results.fail(
      uid,
      `${name} has no guardrail beyond AWS’s allow-everything default: ${only}`,
      evidence,
    );
  });
});
