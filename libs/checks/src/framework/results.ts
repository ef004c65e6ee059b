// Building results: every result names its check, region, resource and type the same way.
import { type CheckResult } from '@palisade/contracts';
import { type CheckContext } from './context';
import { type CheckMetadata } from './metadata';
import { type Outcome } from './outcome';

export type Evidence = Record<string, unknown>;

/** `arn:<partition>:<service>::<account>:account`: a result about a whole account. */
export function accountResource(
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
  service: string,
) {
  return `arn:${ctx.partition}:${service}::${ctx.accountId}:account`;
}

/** `arn:<partition>:<service>:<region>:<account>:region`: a result about a whole region. */
export function regionResource(
  ctx: Pick<CheckContext, 'partition' | 'accountId'>,
  service: string,
  region: string,
) {
  return `arn:${ctx.partition}:${service}:${region}:${ctx.accountId}:region`;
}

/** The pseudo resource of the check's scope in this context (account or region). */
export function scopeResource(meta: Pick<CheckMetadata, 'service'>, ctx: CheckContext): string {
  return ctx.region === 'global'
    ? accountResource(ctx, meta.service)
    : regionResource(ctx, meta.service, ctx.region);
}

/** "in account 111122223333" or "in eu-west-1 of account 111122223333". */
export function where(ctx: Pick<CheckContext, 'accountId' | 'region'>, region = ctx.region) {
  return region === 'global'
    ? `in account ${ctx.accountId}`
    : `in ${region} of account ${ctx.accountId}`;
}

/**
 * The benchmark's "all regions" is every enabled region; a scan limited to fewer says so.
 * Returns the note to append to a message, and the evidence to attach.
 */
export function regionCoverage(ctx: CheckContext): { note: string; evidence: Evidence } {
  const enabled = ctx.regions.enabled.length;
  const scanned = ctx.regions.scanned.length;
  const evidence: Evidence = {
    regionsScanned: [...ctx.regions.scanned],
    regionsNotEnabled: [...ctx.regions.notEnabled],
  };
  const note =
    enabled > scanned ? ` (evaluated over ${scanned} of ${enabled} enabled regions)` : '';
  return { note, evidence };
}

/** A result builder bound to one check and one evaluation context. */
export class ResultBuilder {
  constructor(
    private readonly meta: Pick<CheckMetadata, 'id' | 'resourceType' | 'service'>,
    private readonly ctx: CheckContext,
  ) {}

  pass(resourceUid: string, message: string, evidence?: Evidence): CheckResult {
    return this.result('PASS', resourceUid, message, evidence);
  }

  fail(resourceUid: string, message: string, evidence?: Evidence): CheckResult {
    return this.result('FAIL', resourceUid, message, evidence);
  }

  manual(resourceUid: string, message: string, evidence?: Evidence): CheckResult {
    return this.result('MANUAL', resourceUid, message, evidence);
  }

  error(resourceUid: string, code: string, message: string, evidence?: Evidence): CheckResult {
    return { ...this.result('ERROR', resourceUid, message, evidence), errorCode: code };
  }

  /** ERROR for a resource whose own detail could not be read (e.g. one bucket's policy). */
  errorOf(
    resourceUid: string,
    outcome: Extract<Outcome<unknown>, { ok: false }>,
    what: string,
    evidence?: Evidence,
  ): CheckResult {
    return this.error(
      resourceUid,
      outcome.code,
      `could not read ${what}: ${outcome.message}`,
      evidence,
    );
  }

  /** The pseudo resource of this check's scope (account, or the evaluated region). */
  get scopeUid(): string {
    return scopeResource(this.meta, this.ctx);
  }

  private result(
    status: CheckResult['status'],
    resourceUid: string,
    message: string,
    evidence: Evidence | undefined,
  ): CheckResult {
    const result: CheckResult = {
      checkId: this.meta.id,
      status,
      // A result's region is its scope's: the normaliser resolves findings per (region, check).
      region: this.ctx.region,
      resourceUid,
      resourceType: this.meta.resourceType,
      message,
    };
    if (evidence !== undefined) result.evidence = evidence;
    return result;
  }
}
