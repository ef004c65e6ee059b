import { createHash } from 'node:crypto';

/** A finding uid: the sha256 hex digest of its identity fields joined by `|`. */
function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/**
 * The uid of a check finding: `sha256(tenant | provider | account | region | checkId |
 * resourceUid)`. Global services use region `global`; a result about a whole scope uses its
 * pseudo resource. The same state scanned twice gives the same uid.
 */
export function checkFindingUid(parts: {
  readonly tenantId: string;
  readonly provider: string;
  readonly accountId: string;
  readonly region: string;
  readonly checkId: string;
  readonly resourceUid: string;
}): string {
  return digest([
    parts.tenantId,
    parts.provider,
    parts.accountId,
    parts.region,
    parts.checkId,
    parts.resourceUid,
  ]);
}

/** The uid of an Inspector2 finding: `sha256(tenant | inspector2 | findingArn)`. */
export function inspectorFindingUid(tenantId: string, findingArn: string): string {
  return digest([tenantId, 'inspector2', findingArn]);
}
