import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type Env } from '@palisade/config';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/**
 * Who the standard credential chain says we are (STS GetCallerIdentity), before anything
 * starts: no credentials, expired ones or an unreachable endpoint fail here, in one line,
 * rather than as every account's error.
 */
export async function callerIdentity(env: Env): Promise<CallerIdentity> {
  const client = new STSClient({
    region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
  });
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}));
    return { account: identity.Account ?? 'unknown', arn: identity.Arn ?? 'unknown' };
  } finally {
    client.destroy();
  }
}
