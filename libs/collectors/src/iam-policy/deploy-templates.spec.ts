// The CloudFormation templates customers deploy (deploy/aws) against the generator: they must be
// exactly what `npm run iam-policy -- --write` makes of the current operation → action table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_ACTIONS } from '../catalogue';
import { generateInlinePolicy } from './generate';
import { loadManagedPolicies, managedPolicyArnSuffix } from './managed-policies';
import { SCAN_ROLE_LOGICAL_ID, generatedBlocks, resourceBody, syncTemplates } from './templates';

const DEPLOY_AWS = join(__dirname, '..', '..', '..', '..', 'deploy', 'aws');
const read = (file: string) => readFileSync(join(DEPLOY_AWS, file), 'utf8');
const TEMPLATES = { memberRole: read('member-role.yaml'), orgStackset: read('org-stackset.yaml') };
const HUB_ROLE = read('hub-role.yaml');
const SNAPSHOT = loadManagedPolicies(join(DEPLOY_AWS, 'managed-policies'));
const POLICY = generateInlinePolicy(
  OPERATION_ACTIONS,
  SNAPSHOT.map((s) => s.Document),
);

/** The list items of a rendered inline-policy block that are IAM actions. */
const actionsIn = (block: string) =>
  [...block.matchAll(/^\s*- ([a-z0-9-]+:[A-Za-z0-9*]+)$/gm)].map((m) => m[1]);

/** A parameter's `Default:` in a template. */
function parameterDefault(template: string, parameter: string): string | undefined {
  return new RegExp(`\\n  ${parameter}:\\n(?: {4}.*\\n)*? {4}Default: (\\S+)\\n`).exec(
    template,
  )?.[1];
}

describe('deploy/aws templates', () => {
  it('should hold the generated inline policy in the role and both copies (run `npm run iam-policy -- --write`)', () => {
    const expected = POLICY?.Statement[0].Action ?? [];
    const blocks = [
      ...generatedBlocks(TEMPLATES.memberRole, 'inline-policy'),
      ...generatedBlocks(TEMPLATES.orgStackset, 'inline-policy'),
    ];
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(actionsIn(block)).toEqual(expected);
  });

  it('should be exactly what the generator writes (run `npm run iam-policy -- --write`)', () => {
    const synced = syncTemplates(TEMPLATES, POLICY);
    expect(TEMPLATES.memberRole).toBe(synced.memberRole);
    expect(TEMPLATES.orgStackset).toBe(synced.orgStackset);
  });

  it('should deploy member-role.yaml through the StackSet and copy its role to the management account', () => {
    const [body] = generatedBlocks(TEMPLATES.orgStackset, 'member-role-template');
    const lines = (body ?? '').split('\n');
    expect(lines[0]).toBe('      TemplateBody: |');
    const inlined = lines.slice(1).map((l) => l.slice(8));
    expect(`${inlined.join('\n')}\n`).toBe(TEMPLATES.memberRole);
    expect(generatedBlocks(TEMPLATES.orgStackset, 'scan-role')).toEqual([
      resourceBody(TEMPLATES.memberRole, SCAN_ROLE_LOGICAL_ID, '    ').join('\n'),
    ]);
  });

  it('should attach SecurityAudit and ViewOnlyAccess at their snapshot paths, in any partition', () => {
    const arns = [
      ...TEMPLATES.memberRole.matchAll(/- !Sub arn:\$\{AWS::Partition\}:iam::aws:(\S+)$/gm),
    ].map((m) => m[1]);
    expect(arns).toEqual(SNAPSHOT.map(managedPolicyArnSuffix));
  });

  it('should let the hub role assume the scan and discovery roles by their default names', () => {
    expect(parameterDefault(TEMPLATES.memberRole, 'RoleName')).toBe('PalisadeScanRole');
    expect(parameterDefault(TEMPLATES.orgStackset, 'RoleName')).toBe('PalisadeScanRole');
    expect(parameterDefault(HUB_ROLE, 'ScanRoleName')).toBe('PalisadeScanRole');
    expect(parameterDefault(HUB_ROLE, 'DiscoveryRoleName')).toBe(
      parameterDefault(TEMPLATES.orgStackset, 'DiscoveryRoleName'),
    );
  });
});
