import { defineCheck } from '../../../framework/check';
import { actionsCover, type PolicyStatement, readPolicy } from '../../../framework/policy';
import { ResultBuilder } from '../../../framework/results';
import { organizationArn, organizationOf } from '../organization';
import { metadata } from './organizations_policy_management_delegated.metadata';

const POLICY_MANAGEMENT = [
  'organizations:CreatePolicy',
  'organizations:UpdatePolicy',
  'organizations:DeletePolicy',
  'organizations:AttachPolicy',
  'organizations:DetachPolicy',
];

/** The account an AWS principal names: a 12-digit id or an IAM ARN (`arn:aws:iam::<id>:...`). */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

function principalAccounts(s: PolicyStatement): string[] {
  if (s.principal === undefined || s.principal === '*') return [];
  return (s.principal.AWS ?? []).flatMap((p) => {
    const account = accountOf(p);
    return account === undefined ? [] : [account];
  });
}

function covers(s: PolicyStatement, action: string): boolean {
  if (s.action.length > 0) return actionsCover(s.action, action);
  return s.notAction.length > 0 && !actionsCover(s.notAction, action);
}

function deniedTo(statements: readonly PolicyStatement[], account: string, action: string) {
  return statements.some(
    (s) =>
      s.effect === 'Deny' &&
      Object.keys(s.condition).length === 0 &&
      (s.principal === '*' || principalAccounts(s).includes(account)) &&
      covers(s, action),
  );
}

export const organizationsPolicyManagementDelegated = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const policy = collected.global('organizations.resourcePolicy');
  if (!policy.ok) return [];
  const org = organizationOf(ctx);
  const uid = organizationArn(ctx, org);
  const name = `Organization ${org.organizationId}`;
  if (policy.data === null) {
    return [
      results.fail(
        uid,
        `${name} has no resource-based delegation policy: only management account ${org.managementAccountId} can manage Organizations policies`,
        { resourcePolicy: null },
      ),
    ];
  }
  const doc = readPolicy(policy.data.content);
  if (!doc.ok) {
    return [results.errorOf(uid, doc, `the delegation policy ${policy.data.id} of ${name}`)];
  }
  const statements = doc.data.statements;
  const byAccount = new Map<string, { actions: Set<string>; policyTypes: Set<string> }>();
  for (const s of statements.filter((st) => st.effect === 'Allow')) {
    for (const account of principalAccounts(s)) {
      if (account === org.managementAccountId) continue;
      const actions = POLICY_MANAGEMENT.filter(
        (a) => covers(s, a) && !deniedTo(statements, account, a),
      );
      if (actions.length === 0) continue;
      const entry = byAccount.get(account) ?? { actions: new Set(), policyTypes: new Set() };
      for (const a of actions) entry.actions.add(a);
      for (const entries of Object.values(s.condition)) {
        for (const [key, values] of Object.entries(entries)) {
          if (key.toLowerCase() === 'organizations:policytype') {
            for (const v of values) entry.policyTypes.add(v);
          }
        }
      }
      byAccount.set(account, entry);
    }
  }
  const members = new Set(org.units.flatMap((u) => u.accountIds));
  const delegates = [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([accountId, e]) => ({
      accountId,
      memberOfOrganization: members.has(accountId),
      actions: POLICY_MANAGEMENT.filter((a) => e.actions.has(a)),
      policyTypes: [...e.policyTypes].sort(),
    }));
  const evidence = {
    resourcePolicyId: policy.data.id,
    resourcePolicyArn: policy.data.arn,
    delegates,
  };
  if (delegates.length === 0) {
    return [
      results.fail(
        uid,
        `${name}’s delegation policy ${policy.data.id} delegates no policy management (create, update, delete, attach or detach a policy) to a member account`,
        evidence,
      ),
    ];
  }
  const list = delegates
    .map((d) => `${d.accountId}${d.policyTypes.length > 0 ? ` (${d.policyTypes.join(', ')})` : ''}`)
    .join(', ');
  return [
    results.pass(
      uid,
      `${name} delegates Organizations policy management to member account${delegates.length === 1 ? '' : 's'} ${list} through policy ${policy.data.id}`,
      evidence,
    ),
  ];
});
