import { Injectable } from '@nestjs/common';
import { AwsSessionFactory, classifyAwsError } from '@palisade/aws';
import { mapBounded } from '@palisade/aws';
import { sourceIdentityFor } from './role-chain';
import { type TargetAccount } from './scan-targets';

export interface PreflightFailure {
  accountId: string;
  code: string;
  message: string;
}

export interface PreflightOutcome {
  /** Whether SourceIdentity was accepted (false: the trust lacks sts:SetSourceIdentity). */
  readonly ok: ReadonlyMap<string, { sourceIdentityUsed: boolean }>;
  readonly failed: ReadonlyMap<string, PreflightFailure>;
}

/** Assumes every target's role chain once, before any job is emitted: a refusal fails that job only. */
@Injectable()
export class PreflightService {
  constructor(private readonly sessions: AwsSessionFactory) {}

  async check(
    tenantId: string,
    scanId: string,
    accounts: readonly TargetAccount[],
    concurrency: number,
  ): Promise<PreflightOutcome> {
    const ok = new Map<string, { sourceIdentityUsed: boolean }>();
    const failed = new Map<string, PreflightFailure>();
    await mapBounded(accounts, concurrency, async (account) => {
      try {
        const session = await this.sessions.session({
          tenantId,
          scanId,
          roleChain: account.roleChain,
          sourceIdentity: sourceIdentityFor(tenantId),
        });
        ok.set(account.accountId, { sourceIdentityUsed: session.sourceIdentityUsed });
      } catch (error) {
        const classified = classifyAwsError(error);
        failed.set(account.accountId, {
          accountId: account.accountId,
          code: classified.code,
          message: classified.message,
        });
      }
    });
    return { ok, failed };
  }
}
