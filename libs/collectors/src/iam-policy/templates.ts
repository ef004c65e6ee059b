// Keeps the CloudFormation templates in deploy/aws equal to the generator. Generated parts sit
// between `# BEGIN GENERATED <name>` and `# END GENERATED <name>` comment lines; the BEGIN
// line's indentation is the block's. Pure text functions: the script reads and writes files.
import { type InlinePolicyDocument } from './generate';

const BEGIN = '# BEGIN GENERATED ';
const END = '# END GENERATED ';

/** The blocks `npm run iam-policy -- --write` regenerates. */
export type GeneratedBlockName = 'inline-policy' | 'scan-role' | 'member-role-template';

interface BlockSpan {
  /** Line index of the BEGIN marker. */
  readonly begin: number;
  /** Line index of the END marker. */
  readonly end: number;
  readonly indent: string;
}

function isMarker(line: string, prefix: string, name: string): boolean {
  const text = line.trimStart();
  if (!text.startsWith(prefix + name)) return false;
  const next = text.charAt(prefix.length + name.length);
  return next === '' || next === ' ' || next === ':';
}

function indentOf(line: string): string {
  return line.slice(0, line.length - line.trimStart().length);
}

function blockSpans(lines: readonly string[], name: GeneratedBlockName): BlockSpan[] {
  const spans: BlockSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isMarker(line, END, name)) throw new Error(`line ${i + 1}: END ${name} without BEGIN`);
    if (!isMarker(line, BEGIN, name)) continue;
    const indent = indentOf(line);
    let end = i + 1;
    while (end < lines.length && !isMarker(lines[end] ?? '', END, name)) {
      if (isMarker(lines[end] ?? '', BEGIN, name)) {
        throw new Error(`line ${end + 1}: BEGIN ${name} inside another`);
      }
      end++;
    }
    if (end === lines.length) throw new Error(`line ${i + 1}: BEGIN ${name} without END`);
    if (indentOf(lines[end] ?? '') !== indent) {
      throw new Error(`line ${end + 1}: END ${name} indented unlike its BEGIN`);
    }
    spans.push({ begin: i, end, indent });
    i = end;
  }
  return spans;
}

/** The text between each pair of `name` markers (without them), in file order. */
export function generatedBlocks(text: string, name: GeneratedBlockName): string[] {
  const lines = text.split('\n');
  return blockSpans(lines, name).map((s) => lines.slice(s.begin + 1, s.end).join('\n'));
}

/**
 * Replaces the body of every `name` block with `render(indent)`. Throws when the text has no
 * such block: a template that lost its markers must not silently stop being generated.
 */
export function replaceGeneratedBlocks(
  text: string,
  name: GeneratedBlockName,
  render: (indent: string) => readonly string[],
): string {
  const lines = text.split('\n');
  const spans = blockSpans(lines, name);
  if (spans.length === 0) throw new Error(`no '${BEGIN}${name}' block`);
  const out: string[] = [];
  let from = 0;
  for (const span of spans) {
    out.push(...lines.slice(from, span.begin + 1), ...render(span.indent));
    from = span.end;
  }
  out.push(...lines.slice(from));
  return out.join('\n');
}

/**
 * The role's `Policies` property holding the inline policy, as block YAML in Prettier's style;
 * a comment instead when the managed policies allow everything (no inline policy).
 */
export function renderInlinePolicy(
  policy: InlinePolicyDocument | null,
  indent: string,
): readonly string[] {
  if (policy === null) {
    return [`${indent}# SecurityAudit and ViewOnlyAccess allow every action: no inline policy.`];
  }
  const [statement] = policy.Statement;
  return [
    'Policies:',
    `  - PolicyName: ${statement.Sid}`,
    '    PolicyDocument:',
    `      Version: '${policy.Version}'`,
    '      Statement:',
    `        - Sid: ${statement.Sid}`,
    `          Effect: ${statement.Effect}`,
    '          Action:',
    ...statement.Action.map((action) => `            - ${action}`),
    `          Resource: '${statement.Resource}'`,
  ].map((line) => indent + line);
}

/**
 * The lines of a resource's body (everything indented under `  <logicalId>:` in `Resources`),
 * re-indented to `indent`.
 */
export function resourceBody(text: string, logicalId: string, indent: string): readonly string[] {
  const lines = text.split('\n');
  const resources = lines.indexOf('Resources:');
  const start = lines.indexOf(`  ${logicalId}:`, resources);
  if (resources < 0 || start < 0) throw new Error(`no resource ${logicalId}`);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && indentOf(line).length <= 2) break;
    body.push(line);
  }
  while (body.length > 0 && (body[body.length - 1] ?? '').trim() === '') body.pop();
  const base = indentOf(body[0] ?? '').length;
  return body.map((line) => (line.trim() === '' ? '' : indent + line.slice(base)));
}

/** `TemplateBody: |` followed by a whole template as a literal block. */
export function renderTemplateBody(template: string, indent: string): readonly string[] {
  const lines = template.endsWith('\n') ? template.slice(0, -1).split('\n') : template.split('\n');
  return [
    `${indent}TemplateBody: |`,
    ...lines.map((line) => (line === '' ? '' : `${indent}  ${line}`)),
  ];
}

export interface ScanRoleTemplates {
  /** deploy/aws/member-role.yaml */
  readonly memberRole: string;
  /** deploy/aws/org-stackset.yaml */
  readonly orgStackset: string;
}

/** The member role's logical id in member-role.yaml, copied into org-stackset.yaml. */
export const SCAN_ROLE_LOGICAL_ID = 'ScanRole';

/**
 * The templates with every generated block rewritten: the inline policy in member-role.yaml;
 * in org-stackset.yaml the StackSet's TemplateBody (all of member-role.yaml) and the
 * management account's copy of the role. Unchanged text means the templates are current.
 */
export function syncTemplates(
  templates: ScanRoleTemplates,
  policy: InlinePolicyDocument | null,
): ScanRoleTemplates {
  const memberRole = replaceGeneratedBlocks(templates.memberRole, 'inline-policy', (indent) =>
    renderInlinePolicy(policy, indent),
  );
  let orgStackset = replaceGeneratedBlocks(templates.orgStackset, 'scan-role', (indent) =>
    resourceBody(memberRole, SCAN_ROLE_LOGICAL_ID, indent),
  );
  orgStackset = replaceGeneratedBlocks(orgStackset, 'member-role-template', (indent) =>
    renderTemplateBody(memberRole, indent),
  );
  return { memberRole, orgStackset };
}
