// The two STS operations the credential chain needs, behind a small interface so the chain's
// logic is unit-tested with a fake and integration-tested against moto through the proxy.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsCredentialIdentityProvider } from '@smithy/types';
import { type AwsClientFactory } from './client-factory';

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  sourceIdentity?: string;
  durationSeconds: number;
  /** Region of the STS endpoint (regional endpoints: global-endpoint tokens fail in opt-in regions). */
  region: string;
  /** Who calls: the base identity or the previous hop. */
  credentials: AwsCredentialIdentityProvider;
}

export interface AssumedRole {
  credentials: SessionCredentials;
  /** `AssumedRoleUser.Arn`: the new session's caller identity, e.g. `arn:aws:sts::1:assumed-role/r/s`. */
  assumedRoleArn: string;
}

export interface CallerIdentity {
  arn: string;
  account: string;
}

export interface StsApi {
  assumeRole(params: AssumeRoleParams): Promise<AssumedRole>;
  getCallerIdentity(params: {
    region: string;
    credentials: AwsCredentialIdentityProvider;
  }): Promise<CallerIdentity>;
}

/** The real STS, through the client factory (endpoint override, retries, keep-alive). */
export class SdkStsApi implements StsApi {
  constructor(private readonly clients: AwsClientFactory) {}

  async assumeRole(p: AssumeRoleParams): Promise<AssumedRole> {
    const sts = this.clients.createClient(STSClient, {
      credentials: p.credentials,
      region: p.region,
      service: 'sts',
    });
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: p.roleArn,
        RoleSessionName: p.roleSessionName,
        DurationSeconds: p.durationSeconds,
        ...(p.externalId !== undefined ? { ExternalId: p.externalId } : {}),
        ...(p.sourceIdentity !== undefined ? { SourceIdentity: p.sourceIdentity } : {}),
      }),
    );
    const c = out.Credentials;
    const arn = out.AssumedRoleUser?.Arn;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !arn) {
      throw new Error(`AssumeRole into ${p.roleArn} answered without credentials`);
    }
    return {
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      },
      assumedRoleArn: arn,
    };
  }

  async getCallerIdentity(p: {
    region: string;
    credentials: AwsCredentialIdentityProvider;
  }): Promise<CallerIdentity> {
    const sts = this.clients.createClient(STSClient, {
      credentials: p.credentials,
      region: p.region,
      service: 'sts',
    });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (!out.Arn || !out.Account) throw new Error('GetCallerIdentity answered without an ARN');
    return { arn: out.Arn, account: out.Account };
  }
}
