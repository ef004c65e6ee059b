import { SCHEMA_VERSION, type ScanRequested } from '@palisade/contracts';
import { type ScanRequestSpec } from '@palisade/persistence';
import { type CreateScanBody } from './scans.dto';

export interface ScanRequestInput {
  readonly scanId: string;
  readonly tenantId: string;
  readonly apiKeyId: string;
  readonly body: CreateScanBody;
  readonly idempotencyKey: string | undefined;
  readonly requestedAt: Date;
}

/** The `scan.requested` message of a `POST /v1/scans`: what discovery fans out. */
export function scanRequestedMessage(input: ScanRequestInput): ScanRequested {
  const { body } = input;
  return {
    schemaVersion: SCHEMA_VERSION,
    scanId: input.scanId,
    tenantId: input.tenantId,
    sourceId: body.sourceId,
    trigger: { kind: 'api', apiKeyId: input.apiKeyId },
    scope: {
      ...(body.accountIds ? { accountIds: body.accountIds } : {}),
      ...(body.ouIds ? { ouIds: body.ouIds } : {}),
    },
    ...(body.regions ? { regions: body.regions } : {}),
    ...(body.frameworks ? { frameworks: body.frameworks } : {}),
    ...(body.checks ? { checks: body.checks } : {}),
    ...(input.idempotencyKey === undefined ? {} : { idempotencyKey: input.idempotencyKey }),
    requestedAt: input.requestedAt.toISOString(),
  };
}

/** The selection of a stored scan, in the vocabulary of `POST /v1/scans`. */
export interface RequestView {
  accountIds?: string[];
  ouIds?: string[];
  regions?: string[];
  frameworks?: string[];
  checks?: string[];
}

export function requestView(spec: ScanRequestSpec): RequestView {
  return {
    ...(spec.scope?.accountIds ? { accountIds: spec.scope.accountIds } : {}),
    ...(spec.scope?.ouIds ? { ouIds: spec.scope.ouIds } : {}),
    ...(spec.regions ? { regions: spec.regions } : {}),
    ...(spec.frameworks ? { frameworks: spec.frameworks } : {}),
    ...(spec.checks ? { checks: spec.checks } : {}),
  };
}

const LISTS = ['accountIds', 'ouIds', 'regions', 'frameworks', 'checks'] as const;

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

/**
 * Whether a repeated `POST /v1/scans` (same `Idempotency-Key`) asks for the scan stored under
 * that key: same source and the same selection, each list compared as a set (order and
 * repetition do not change what is scanned).
 */
export function sameScanRequest(
  stored: { readonly sourceId: string; readonly request: ScanRequestSpec },
  body: CreateScanBody,
): boolean {
  if (stored.sourceId !== body.sourceId) return false;
  const view = requestView(stored.request);
  return LISTS.every((list) => sameSet(view[list], body[list]));
}
