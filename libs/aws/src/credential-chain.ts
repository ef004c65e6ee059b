// The role chain: base identity → optional hub role → member role (with the tenant's
// ExternalId), each hop cached per (tenant, account, role) and refreshed before expiry.
import { type RoleHop } from '@palisade/contracts';
import { type AwsCredentialIdentity, type AwsCredentialIdentityProvider } from '@smithy/types';
import { type AwsAccessOptions } from './aws-access-options';
import { type AwsLogger } from './aws-logger';
import {
  type AwsSession,
  type RefreshingCredentials,
  type SourceIdentityFallback,
} from './aws-session';
import { type Clock, CredentialCache } from './credential-cache';
import { AssumeRoleFailedError, classifyAwsError } from './error-classification';
import { accountOfArn, partitionOf } from './partition';
import { sanitizeSourceIdentity, sessionNameFor } from './session-name';
import { type AssumeRoleParams, type SessionCredentials, type StsApi } from './sts-api';

/** AWS caps every session reached by role chaining at one hour. */
export const CHAINED_SESSION_MAX_SECONDS = 3600;

export interface SessionRequest {
  tenantId: string;
  /** Session name `palisade-<scanId>` (sanitised). */
  scanId: string;
  /** In order: optional hub role, then the member role. Empty: the base identity itself. */
  roleChain: readonly RoleHop[];
  /** Set when every role's trust allows `sts:SetSourceIdentity`; falls back without it. */
  sourceIdentity?: string;
  /** STS region (default: `defaultRegion` of the options); must be in the caller's partition. */
  stsRegion?: string;
  durationSeconds?: number;
}

interface HopResult {
  credentials: SessionCredentials;
  /** For the cache: identical to `credentials.expiration`. */
  expiration: Date;
  assumedRoleArn: string;
  sourceIdentityUsed: boolean;
  fallback?: SourceIdentityFallback;
}

const ACCESS_DENIED_FAMILY = new Set(['ACCESS_DENIED', 'SCP_DENIED', 'ASSUME_ROLE_DENIED']);

function toIdentity(c: SessionCredentials): AwsCredentialIdentity {
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
  };
}

function refreshing(
  provider: () => Promise<AwsCredentialIdentity>,
  invalidate: (staleSince?: number) => void,
): RefreshingCredentials {
  return Object.assign(provider, { memoized: true as const, invalidate });
}

/** Resolved requests: hop keys and parameters, computed once per session. */
interface Plan {
  req: SessionRequest;
  stsRegion: string;
  sessionName: string;
  sourceIdentity: string | undefined;
  keys: string[];
}

export class AwsSessionFactory {
  private readonly cache: CredentialCache<HopResult>;
  /** What each key's latest assume said about SourceIdentity (no credentials). */
  private readonly outcomes = new Map<string, Pick<HopResult, 'sourceIdentityUsed' | 'fallback'>>();

  constructor(
    private readonly options: AwsAccessOptions,
    private readonly sts: StsApi,
    private readonly baseCredentials: AwsCredentialIdentityProvider,
    private readonly logger: AwsLogger,
    private readonly clock: Clock = Date.now,
  ) {
    this.cache = new CredentialCache<HopResult>(options.refreshMarginSeconds * 1000, clock);
  }

  /** The cache key of a hop: (tenant, account, role). */
  static cacheKey(tenantId: string, roleArn: string): string {
    return `${tenantId}|${accountOfArn(roleArn) ?? '?'}|${roleArn}`;
  }

  /**
   * Assumes the whole chain now (so a refused role fails here, as `ASSUME_ROLE_DENIED`) and
   * returns a session whose credentials keep refreshing themselves through the cache.
   * Throws {@link AssumeRoleFailedError}; classify it with `classifyAwsError`.
   */
  async session(req: SessionRequest): Promise<AwsSession> {
    if (req.roleChain.length === 0) return this.baseSession(req.stsRegion, req.tenantId);
    const plan: Plan = {
      req,
      stsRegion: req.stsRegion ?? this.options.defaultRegion,
      sessionName: sessionNameFor(req.scanId),
      sourceIdentity:
        req.sourceIdentity !== undefined ? sanitizeSourceIdentity(req.sourceIdentity) : undefined,
      keys: req.roleChain.map((hop) => AwsSessionFactory.cacheKey(req.tenantId, hop.roleArn)),
    };
    const last = req.roleChain.length - 1;
    const member = await this.resolveHop(plan, last);
    const hopOutcomes = () => plan.keys.map((key) => this.outcomes.get(key));
    const credentials = refreshing(
      async () => toIdentity((await this.resolveHop(plan, last)).credentials),
      // Only the member session: if the hub's expired too, re-assuming the member finds out
      // (ExpiredToken from STS) and refreshes the hub once (see loadHop).
      (staleSince) => {
        const key = plan.keys[last];
        if (key !== undefined) this.cache.invalidate(key, staleSince);
      },
    );
    const identityArn = member.assumedRoleArn;
    return {
      tenantId: req.tenantId,
      accountId: accountOfArn(identityArn) ?? '',
      partition: partitionOf(identityArn),
      identityArn,
      stsRegion: plan.stsRegion,
      sourceIdentityRequested: plan.sourceIdentity !== undefined,
      get sourceIdentityUsed() {
        return (
          plan.sourceIdentity !== undefined &&
          hopOutcomes().every((o) => o?.sourceIdentityUsed === true)
        );
      },
      get sourceIdentityFallbacks() {
        return hopOutcomes().flatMap((o) => (o?.fallback ? [o.fallback] : []));
      },
      credentials,
    };
  }

  /** The base identity as a session (discovery with the platform's own role, `--profile` runs). */
  async baseSession(stsRegion?: string, tenantId?: string): Promise<AwsSession> {
    const region = stsRegion ?? this.options.defaultRegion;
    const identity = await this.sts.getCallerIdentity({
      region,
      credentials: this.baseCredentials,
    });
    const base = this.baseCredentials;
    return {
      tenantId,
      accountId: identity.account,
      partition: partitionOf(identity.arn),
      identityArn: identity.arn,
      stsRegion: region,
      sourceIdentityRequested: false,
      sourceIdentityUsed: false,
      sourceIdentityFallbacks: [],
      // The SDK's default chain refreshes itself; there is nothing of ours to drop.
      credentials: refreshing(
        () => base(),
        () => undefined,
      ),
    };
  }

  private resolveHop(plan: Plan, index: number): Promise<HopResult> {
    const key = plan.keys[index];
    if (key === undefined) throw new Error(`no hop ${index}`);
    return this.cache
      .get(key, () => this.loadHop(plan, index))
      .then((r) => {
        this.outcomes.set(key, { sourceIdentityUsed: r.sourceIdentityUsed, fallback: r.fallback });
        return r;
      });
  }

  private callerOf(plan: Plan, index: number): AwsCredentialIdentityProvider {
    if (index === 0) return this.baseCredentials;
    return async () => toIdentity((await this.resolveHop(plan, index - 1)).credentials);
  }

  private async loadHop(plan: Plan, index: number): Promise<HopResult> {
    const startedAt = this.clock();
    try {
      return await this.assumeWithFallback(plan, index);
    } catch (err) {
      // The previous hop's session expired under us (clock skew, revoked early): refresh it once.
      const previousKey = index > 0 ? plan.keys[index - 1] : undefined;
      const inner = err instanceof AssumeRoleFailedError ? err.cause : err;
      if (previousKey === undefined || classifyAwsError(inner).code !== 'CREDENTIALS_EXPIRED')
        throw err;
      this.cache.invalidate(previousKey, startedAt);
      return this.assumeWithFallback(plan, index);
    }
  }

  private async assumeWithFallback(plan: Plan, index: number): Promise<HopResult> {
    const hop = plan.req.roleChain[index];
    if (hop === undefined) throw new Error(`no hop ${index}`);
    const requested = plan.req.durationSeconds ?? this.options.sessionDurationSeconds;
    const params: AssumeRoleParams = {
      roleArn: hop.roleArn,
      roleSessionName: plan.sessionName,
      durationSeconds: index === 0 ? requested : Math.min(requested, CHAINED_SESSION_MAX_SECONDS),
      region: plan.stsRegion,
      credentials: this.callerOf(plan, index),
    };
    if (hop.externalId !== undefined) params.externalId = hop.externalId;
    const fields = {
      tenantId: plan.req.tenantId,
      roleArn: hop.roleArn,
      hop: index,
      sessionName: plan.sessionName,
      stsRegion: plan.stsRegion,
    };

    if (plan.sourceIdentity !== undefined) {
      try {
        const out = await this.sts.assumeRole({ ...params, sourceIdentity: plan.sourceIdentity });
        return this.assumed(out, true, fields);
      } catch (err) {
        const refused = classifyAwsError(err);
        if (!ACCESS_DENIED_FAMILY.has(refused.code))
          throw new AssumeRoleFailedError(hop.roleArn, index, err);
        this.logger.warn('role refused SourceIdentity; assuming it without', {
          ...fields,
          awsCode: refused.awsCode,
        });
        try {
          const out = await this.sts.assumeRole(params);
          return this.assumed(out, false, fields, {
            roleArn: hop.roleArn,
            message: refused.message,
          });
        } catch (retryErr) {
          throw new AssumeRoleFailedError(hop.roleArn, index, retryErr);
        }
      }
    }
    try {
      return this.assumed(await this.sts.assumeRole(params), false, fields);
    } catch (err) {
      throw new AssumeRoleFailedError(hop.roleArn, index, err);
    }
  }

  private assumed(
    out: { credentials: SessionCredentials; assumedRoleArn: string },
    sourceIdentityUsed: boolean,
    fields: Record<string, string | number>,
    fallback?: SourceIdentityFallback,
  ): HopResult {
    this.logger.debug('assumed role', {
      ...fields,
      sourceIdentityUsed,
      expiresAt: out.credentials.expiration.toISOString(),
    });
    const result: HopResult = {
      credentials: out.credentials,
      expiration: out.credentials.expiration,
      assumedRoleArn: out.assumedRoleArn,
      sourceIdentityUsed,
    };
    if (fallback) result.fallback = fallback;
    return result;
  }
}

/** The same service under the name the architecture uses for it. */
export { AwsSessionFactory as CredentialChain };
