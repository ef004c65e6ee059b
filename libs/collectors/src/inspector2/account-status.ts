// Whether Amazon Inspector2 scans an account in a region: BatchGetAccountStatus (always with
// `accountIds`: without them moto fails, and a delegated administrator would answer for itself).
import {
  type AccountState,
  BatchGetAccountStatusCommand,
  type FailedAccount,
  type Inspector2Client,
} from '@aws-sdk/client-inspector2';
import { type AwsErrorCode, AwsAccessError, classifyAwsError } from '@palisade/aws';

/** The resource types whose scanning makes Inspector2 "enabled" for Palisade. */
const SCANNED_TYPES = ['ec2', 'ecr', 'lambda'] as const;

/** BatchGetAccountStatus takes at most 10 account ids per call. */
const BATCH = 10;

export interface InspectorAccountStatus {
  readonly accountId: string;
  /** ENABLED when EC2, ECR or Lambda scanning is ENABLED; else NOT_ENABLED. */
  readonly status: 'ENABLED' | 'NOT_ENABLED';
  readonly evidence: {
    /** Inspector2's own account state (ENABLED, DISABLED, ENABLING, SUSPENDED, ...). */
    readonly state?: string;
    /** Scanning state per resource type (ec2, ecr, lambda, lambdaCode, codeRepository). */
    readonly resourceState: Readonly<Record<string, string>>;
    /** False when Inspector2 answered nothing for the account (never enabled there). */
    readonly reported: boolean;
  };
}

/** Inspector2's per-account error codes, as Palisade's classified codes. */
function codeOf(failure: FailedAccount): AwsErrorCode {
  switch (failure.errorCode) {
    case 'ACCESS_DENIED':
      return 'ACCESS_DENIED';
    case 'RESOURCE_NOT_FOUND':
      return 'NOT_FOUND';
    case 'SSM_THROTTLED':
    case 'EVENTBRIDGE_THROTTLED':
      return 'THROTTLED';
    default:
      return 'AWS_ERROR';
  }
}

function statusOf(accountId: string, account: AccountState | undefined): InspectorAccountStatus {
  const resourceState: Record<string, string> = {};
  for (const [type, state] of Object.entries(account?.resourceState ?? {})) {
    const status = (state as { status?: string } | undefined)?.status;
    if (status !== undefined) resourceState[type] = status;
  }
  const enabled = SCANNED_TYPES.some((t) => resourceState[t] === 'ENABLED');
  return {
    accountId,
    status: enabled ? 'ENABLED' : 'NOT_ENABLED',
    evidence: {
      ...(account?.state?.status !== undefined ? { state: account.state.status } : {}),
      resourceState,
      reported: account !== undefined,
    },
  };
}

/**
 * The Inspector2 status of each account, in the order asked. Throws an `AwsAccessError` (a
 * classified code) when the call fails or Inspector2 reports an account as failed: the caller
 * turns it into data. An account Inspector2 does not mention is NOT_ENABLED (`reported: false`).
 */
export async function inspectorAccountStatus(
  client: Inspector2Client,
  accountIds: readonly string[],
): Promise<InspectorAccountStatus[]> {
  const answered = new Map<string, AccountState>();
  for (let i = 0; i < accountIds.length; i += BATCH) {
    const batch = accountIds.slice(i, i + BATCH);
    let out;
    try {
      out = await client.send(new BatchGetAccountStatusCommand({ accountIds: batch }));
    } catch (err) {
      throw new AwsAccessError(classifyAwsError(err));
    }
    const failure = (out.failedAccounts ?? []).find(
      (f) => f.accountId !== undefined && batch.includes(f.accountId),
    );
    if (failure !== undefined) {
      const code = codeOf(failure);
      throw new AwsAccessError({
        code,
        retriable: code === 'THROTTLED',
        message:
          `Inspector2 status of account ${failure.accountId}: ${failure.errorCode ?? 'failed'} ${failure.errorMessage ?? ''}`.trim(),
        ...(failure.errorCode !== undefined ? { awsCode: failure.errorCode } : {}),
      });
    }
    for (const a of out.accounts ?? []) if (a.accountId !== undefined) answered.set(a.accountId, a);
  }
  return accountIds.map((id) => statusOf(id, answered.get(id)));
}
