// docs/checks.md, generated from the checks' metadata: reviewers read every decision rule
// without reading code. `scripts/checks-doc.ts --check` fails CI when the file is stale.
import { type Check } from '../framework/check';
import { type FrameworkDefinition } from '../frameworks/framework-definition';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function requirementOrder(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function renderChecksDoc(
  checks: readonly Check[],
  frameworks: readonly FrameworkDefinition[],
): string {
  const out: string[] = [
    '# Checks',
    '',
    "<!-- Generated from the checks' metadata by `npm run checks-doc`; do not edit by hand. -->",
    '',
    'Every check is pure: collectors read AWS once per account × region, checks decide over the',
    'collected data. A check whose data could not be collected is ERROR with the error code, never',
    'PASS. `account` checks report with region `global`; `region` checks once per scanned region;',
    '`organization` checks in the organization job (MANUAL "no organization context" for an',
    '`accounts` source).',
    '',
  ];
  for (const framework of frameworks) {
    out.push(`## ${framework.name} ${framework.version} (\`${framework.id}\`)`, '');
    out.push('| Requirement | Title | CIS assessment | Palisade checks |', '|---|---|---|---|');
    for (const req of [...framework.requirements].sort((a, b) => requirementOrder(a.id, b.id))) {
      const ids = checks
        .filter((c) => c.metadata.compliance[framework.id]?.includes(req.id))
        .map((c) => `[\`${c.metadata.id}\`](#${c.metadata.id}) (${c.metadata.assessment})`);
      out.push(
        `| ${req.id} | ${cell(req.title)} | ${req.cisAssessment} | ${ids.join('<br>') || '—'} |`,
      );
    }
    out.push('');
  }
  out.push('## Decision rules', '');
  for (const check of [...checks].sort((a, b) => a.metadata.id.localeCompare(b.metadata.id))) {
    const m = check.metadata;
    const refs = Object.entries(m.compliance)
      .map(([fw, ids]) => `${fw} ${ids.join(', ')}`)
      .join('; ');
    out.push(
      `### ${m.id}`,
      '',
      `**${m.title}** — ${m.severity}, ${m.assessment}, scope \`${m.scope}\`, resource \`${m.resourceType}\`; ${refs}.`,
      '',
      m.description,
      '',
      `- Risk: ${m.risk}`,
      `- Reads: ${m.rule.apis.map((a) => `\`${a}\``).join(', ')} (collected: ${m.requires.map((k) => `\`${k}\``).join(', ')})`,
      `- PASS: ${m.rule.pass}`,
      `- FAIL: ${m.rule.fail}`,
    );
    if (m.rule.manual !== undefined) out.push(`- MANUAL: ${m.rule.manual}`);
    if (m.rule.settings.length > 0) {
      out.push(`- Settings: ${m.rule.settings.map((s) => `\`${s}\``).join(', ')}`);
    }
    out.push(`- Remediation: ${m.remediation.text} (${m.remediation.url})`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
