// An Inspector2 `Finding` (as the SDK deserialises ListFindings) → Palisade's InspectorFinding,
// validated by its contract schema. A finding that does not fit is reported, never dropped.
import { type Finding } from '@aws-sdk/client-inspector2';
import { type InspectorFinding, inspectorFindingSchema } from '@palisade/contracts';

export type MappedFinding =
  | { readonly ok: true; readonly finding: InspectorFinding }
  | { readonly ok: false; readonly findingArn: string; readonly reason: string };

/** Inspector2 says "NotAvailable" where a package has no fixed version. */
const NO_FIX = 'NotAvailable';

const iso = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

/** `arn:<partition>:inspector2:<region>:<account>:finding/<id>` → region. */
function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/** The SDK's resource details (with Dates) as plain JSON, as they travel in messages. */
function jsonOf(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function vulnerabilityOf(f: Finding): InspectorFinding['vulnerability'] {
  const remediation = f.remediation?.recommendation?.text;
  const exploitLastSeenAt = iso(f.exploitabilityDetails?.lastKnownExploitAt);
  const common = defined({
    fixAvailable: f.fixAvailable,
    exploitAvailable: f.exploitAvailable,
    exploitLastSeenAt,
    remediation,
  });
  const pkg = f.packageVulnerabilityDetails;
  if (pkg !== undefined) {
    return {
      id: pkg.vulnerabilityId ?? '',
      cvss: (pkg.cvss ?? []).map((c) =>
        defined({ version: c.version ?? '', baseScore: c.baseScore ?? 0, vector: c.scoringVector }),
      ),
      packages: (pkg.vulnerablePackages ?? []).map((p) =>
        defined({
          name: p.name ?? '',
          version: p.version,
          fixedInVersion:
            p.fixedInVersion === undefined || p.fixedInVersion === NO_FIX
              ? undefined
              : p.fixedInVersion,
          packageManager: p.packageManager,
        }),
      ),
      referenceUrls: [
        ...new Set([
          ...(pkg.sourceUrl !== undefined ? [pkg.sourceUrl] : []),
          ...(pkg.referenceUrls ?? []),
        ]),
      ],
      ...common,
    };
  }
  const code = f.codeVulnerabilityDetails;
  if (code !== undefined) {
    return {
      id: code.detectorId ?? code.ruleId ?? (code.cwes ?? []).join(','),
      cvss: [],
      packages: [],
      referenceUrls: code.referenceUrls ?? [],
      ...common,
    };
  }
  return undefined;
}

/** Maps one finding and validates it against the contract. */
export function mapInspectorFinding(f: Finding): MappedFinding {
  const findingArn = f.findingArn ?? '(no findingArn)';
  const resource = f.resources?.[0];
  const vulnerability = vulnerabilityOf(f);
  const candidate = {
    findingArn: f.findingArn,
    region: regionOfArn(f.findingArn),
    status: f.status,
    severity: f.severity,
    type: f.type,
    title: f.title ?? '',
    description: f.description ?? '',
    firstObservedAt: iso(f.firstObservedAt),
    lastObservedAt: iso(f.lastObservedAt),
    updatedAt: iso(f.updatedAt),
    resource:
      resource === undefined
        ? undefined
        : defined({
            type: resource.type,
            id: resource.id,
            region: resource.region,
            details: jsonOf(resource.details),
          }),
    ...(vulnerability !== undefined ? { vulnerability } : {}),
    ...(f.inspectorScore !== undefined ? { inspectorScore: f.inspectorScore } : {}),
  };
  const parsed = inspectorFindingSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, finding: parsed.data };
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(finding)'}: ${i.message}`);
  return { ok: false, findingArn, reason: reason.join('; ') };
}
