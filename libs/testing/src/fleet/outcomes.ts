// What a scan's findings come to, compared across tenants. A finding's uid hashes its tenant
// (sha256 of tenant, provider, account, region, check, resource), so two tenants scanning the
// same accounts share no uid: the comparison keys a finding by everything its uid hashes except
// the tenant — for an Inspector2 finding, its account, region, resource and title (the CVE).
import { type ApiFinding } from './palisade-client';

/** The tenant-free identity of a finding. */
export function findingIdentity(f: ApiFinding): string {
  const what = f.kind === 'check' ? (f.checkId ?? '') : f.title;
  return [f.kind, f.account.id, f.region, what, f.resource.uid].join(' | ');
}

/** identity → "status compliance", one entry per finding; a duplicate identity is an error. */
export function outcomes(findings: readonly ApiFinding[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of findings) {
    const id = findingIdentity(f);
    if (map.has(id)) throw new Error(`two findings share the identity ${id}`);
    map.set(id, `${f.status} ${f.compliance ?? '-'}`);
  }
  return map;
}

/** The entries of `actual` that differ from `expected` (missing, extra or changed), for a readable diff. */
export function outcomeDifferences(
  expected: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string>,
): string[] {
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return keys.flatMap((k) => {
    const e = expected.get(k);
    const a = actual.get(k);
    return e === a ? [] : [`${k}: expected ${e ?? 'nothing'}, got ${a ?? 'nothing'}`];
  });
}
