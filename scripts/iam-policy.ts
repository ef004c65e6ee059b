// `npm run iam-policy`: prints the member scan role's generated inline policy (JSON): the IAM
// actions of the operation → action table (libs/collectors) that the AWS managed policies
// SecurityAudit and ViewOnlyAccess (snapshot in deploy/aws/managed-policies) do not allow.
// `npm run iam-policy -- --write` also rewrites the generated blocks of deploy/aws/member-role.yaml
// and deploy/aws/org-stackset.yaml, so the templates stay equal to the generator (a unit test
// fails when they are not).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OPERATION_ACTIONS,
  generateInlinePolicy,
  loadManagedPolicies,
  requiredActions,
  syncTemplates,
} from '@palisade/collectors';

const DEPLOY_AWS = join(__dirname, '..', 'deploy', 'aws');

function main(args: readonly string[]): number {
  const write = args.includes('--write');
  const unknown = args.filter((a) => a !== '--write');
  if (unknown.length > 0) {
    console.error(
      `unknown argument(s): ${unknown.join(' ')}\nusage: npm run iam-policy [-- --write]`,
    );
    return 2;
  }
  const managed = loadManagedPolicies(join(DEPLOY_AWS, 'managed-policies'));
  const policy = generateInlinePolicy(
    OPERATION_ACTIONS,
    managed.map((m) => m.Document),
  );
  const inline = policy?.Statement[0].Action.length ?? 0;
  console.log(JSON.stringify(policy, null, 2));
  console.error(
    `${requiredActions(OPERATION_ACTIONS).length} actions required; ${inline} in the inline ` +
      `policy, the rest allowed by ${managed.map((m) => `${m.PolicyName} ${m.DefaultVersionId}`).join(' + ')}`,
  );
  if (!write) return 0;
  const files = {
    memberRole: join(DEPLOY_AWS, 'member-role.yaml'),
    orgStackset: join(DEPLOY_AWS, 'org-stackset.yaml'),
  };
  const current = {
    memberRole: readFileSync(files.memberRole, 'utf8'),
    orgStackset: readFileSync(files.orgStackset, 'utf8'),
  };
  const next = syncTemplates(current, policy);
  for (const key of ['memberRole', 'orgStackset'] as const) {
    const changed = next[key] !== current[key];
    if (changed) writeFileSync(files[key], next[key]);
    console.error(`${files[key]}: ${changed ? 'rewritten' : 'already current'}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
