// Which account an access key acts in, learnt the way moto assigns it: keys returned by
// AssumeRole act in the role's account, keys made by iam:CreateAccessKey in the caller's
// account, and every other key in moto's default account.
import { type IncomingHttpHeaders } from 'node:http';
import { headerValue, type IdentifiedRequest } from './identify-request';

export interface KeyOwner {
  account: string;
  roleArn?: string;
  sessionName?: string;
}

const ACCESS_KEY_ID = /<AccessKeyId>\s*([^<\s]+)\s*<\/AccessKeyId>/;

export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

export class AccountRegistry {
  private readonly owners = new Map<string, KeyOwner>();

  constructor(private readonly defaultAccount: string) {}

  /** The key's owner; moto's `x-moto-account-id` header wins, as it does in moto. */
  ownerOf(accessKeyId: string, headers: IncomingHttpHeaders): KeyOwner {
    const forced = headerValue(headers, 'x-moto-account-id');
    if (forced) return { account: forced };
    return this.owners.get(accessKeyId) ?? { account: this.defaultAccount };
  }

  /** Records keys issued by a successful response (AssumeRole, CreateAccessKey). */
  learnFromResponse(req: IdentifiedRequest, callerAccount: string, status: number, body: string) {
    if (status !== 200) return;
    const keyId = ACCESS_KEY_ID.exec(body)?.[1];
    if (!keyId) return;
    if (req.assumeRole) {
      const account = accountOfArn(req.assumeRole.roleArn) ?? this.defaultAccount;
      const owner: KeyOwner = { account, roleArn: req.assumeRole.roleArn };
      if (req.assumeRole.roleSessionName) owner.sessionName = req.assumeRole.roleSessionName;
      this.owners.set(keyId, owner);
    } else if (req.service === 'iam' && req.operation === 'CreateAccessKey') {
      this.owners.set(keyId, { account: callerAccount });
    }
  }

  /** Whether the response of this request may issue keys (so the proxy must read it). */
  static issuesKeys(req: IdentifiedRequest): boolean {
    return (
      req.assumeRole !== undefined || (req.service === 'iam' && req.operation === 'CreateAccessKey')
    );
  }
}
