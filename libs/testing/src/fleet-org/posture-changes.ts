// Posture changes between two scans: fixing some declared misconfigurations in moto, and
// breaking one of them again. Each returns the check results that flip, derived from what it
// changed (the checks that read it, see libs/checks/src), never from a scan.
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  DisableEbsEncryptionByDefaultCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import {
  DeletePublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { awsClientConfig, type ProxyCredentials } from '../aws-proxy';
import { credentialsIn, resolveTarget, type SeedTarget } from '../aws-seed/management-account';
import { type DemoExpectation, type DemoOpenPort, GLOBAL } from '../demo/account-posture';
import {
  BLOCK_ALL,
  BUCKET_CHECKS,
  openPortCheck,
  PASSWORD_POLICY_CHECKS,
  passwordPolicyInput,
} from '../demo/seed-account-posture';
import {
  denyInsecureTransport,
  openIngressPermission,
  publicPolicy,
} from '../scenario/misconfigured-account';
import { type PostureAccount } from './seed-fleet';

/**
 * A misconfiguration of an account's declared posture that can be fixed and broken again:
 * - `ebsEncryptionByDefault`: EBS encryption by default, off in `region`;
 * - `passwordPolicy`: the `weak` password policy (fixed: the `strong` one);
 * - `openPort`: the open port (`DemoOpenPort`) of that name (fixed: its ingress rule revoked);
 * - `publicBucket`: the public bucket (`DemoBucket`) of that name (fixed: a TLS-only policy in
 *   place of the public one, and Block Public Access on).
 *
 * Why each flips exactly its results (the checks reading what it changes, libs/checks/src):
 * `ec2.ebsEncryptionByDefault` and `iam.passwordPolicy` are read by no other check; of the four
 * checks reading `ec2.securityGroups`, the default-group one skips the port's group and the
 * others pass it before and after; of those reading `s3.buckets`, MFA Delete (versioning), trail
 * bucket logging (trail buckets only) and management-account workloads (bucket count) stay put.
 */
export type PostureChange =
  | { readonly kind: 'ebsEncryptionByDefault'; readonly region: string }
  | { readonly kind: 'passwordPolicy' }
  | { readonly kind: 'openPort'; readonly name: string }
  | { readonly kind: 'publicBucket'; readonly name: string };

const EBS_CHECK = 'ec2_ebs_default_encryption_enabled';

/** Clients acting in one account; `close()` releases them. */
class AccountSession {
  private readonly clients: { destroy(): void }[] = [];

  constructor(
    private readonly endpoint: string,
    private readonly credentials: ProxyCredentials,
  ) {}

  client<T extends { destroy(): void }>(
    C: new (config: ReturnType<typeof awsClientConfig>) => T,
    region: string,
  ): T {
    const c = new C(awsClientConfig(this.endpoint, this.credentials, region));
    this.clients.push(c);
    return c;
  }

  close(): void {
    for (const c of this.clients) c.destroy();
  }
}

async function openSession(target: SeedTarget, account: PostureAccount): Promise<AccountSession> {
  const resolved = resolveTarget(target);
  const credentials = await credentialsIn(resolved, account.accountId, 'palisade-fleet-change');
  return new AccountSession(resolved.endpoint, credentials);
}

function homeRegion(account: PostureAccount): string {
  const [home] = account.regions;
  if (home === undefined) throw new Error(`${account.name} has no regions`);
  return home;
}

function openPortOf(account: PostureAccount, name: string): DemoOpenPort {
  const o = account.posture.openPorts?.find((p) => p.name === name);
  if (o === undefined) throw new Error(`${account.name} declares no open port ${name}`);
  return o;
}

function bucketOf(account: PostureAccount, name: string): { bucket: string; region: string } {
  if (!account.posture.buckets?.some((b) => b.name === name && b.public)) {
    throw new Error(`${account.name} declares no public bucket ${name}`);
  }
  return {
    bucket: `${name}-${account.accountId}`,
    region: account.posture.resourceRegion ?? homeRegion(account),
  };
}

async function groupIdOf(session: AccountSession, o: DemoOpenPort): Promise<string> {
  const out = await session
    .client(EC2Client, o.region)
    .send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [o.name] }] }),
    );
  const id = out.SecurityGroups?.[0]?.GroupId;
  if (id === undefined) throw new Error(`no security group ${o.name} in ${o.region}`);
  return id;
}

const ingressOf = (o: DemoOpenPort) =>
  openIngressPermission(
    o.source === '::/0' ? { port: o.port, v6: o.source } : { port: o.port, v4: o.source },
  );

/** The results `change` decides, as the posture declares them (all FAIL; checked against the declaration). */
async function declaredFailures(
  session: AccountSession,
  account: PostureAccount,
  change: PostureChange,
): Promise<DemoExpectation[]> {
  const fail = (checkIds: readonly string[], region: string, resource?: string) =>
    checkIds.map((checkId): DemoExpectation => ({
      checkId,
      status: 'FAIL',
      region,
      ...(resource !== undefined ? { resource } : {}),
    }));
  let results: DemoExpectation[];
  switch (change.kind) {
    case 'ebsEncryptionByDefault':
      results = fail([EBS_CHECK], change.region);
      break;
    case 'passwordPolicy':
      results = fail(PASSWORD_POLICY_CHECKS, GLOBAL);
      break;
    case 'openPort': {
      const o = openPortOf(account, change.name);
      const groupId = await groupIdOf(session, o);
      const arn = `arn:aws:ec2:${o.region}:${account.accountId}:security-group/${groupId}`;
      results = fail([openPortCheck(o)], o.region, arn);
      break;
    }
    case 'publicBucket':
      results = fail(
        BUCKET_CHECKS,
        GLOBAL,
        `arn:aws:s3:::${bucketOf(account, change.name).bucket}`,
      );
      break;
  }
  const undeclared = results.filter(
    (r) =>
      !account.expectations.some(
        (e) =>
          e.checkId === r.checkId &&
          e.region === r.region &&
          e.resource === r.resource &&
          e.status === 'FAIL',
      ),
  );
  if (undeclared.length > 0) {
    throw new Error(
      `${account.name}: ${change.kind} is no declared failure (${undeclared.map((r) => `${r.checkId} ${r.region} ${r.resource ?? ''}`).join('; ')})`,
    );
  }
  return results;
}

async function apply(
  session: AccountSession,
  account: PostureAccount,
  change: PostureChange,
  fix: boolean,
): Promise<void> {
  switch (change.kind) {
    case 'ebsEncryptionByDefault': {
      const ec2 = session.client(EC2Client, change.region);
      await ec2.send(
        fix
          ? new EnableEbsEncryptionByDefaultCommand({})
          : new DisableEbsEncryptionByDefaultCommand({}),
      );
      return;
    }
    case 'passwordPolicy':
      await session
        .client(IAMClient, homeRegion(account))
        .send(new UpdateAccountPasswordPolicyCommand(passwordPolicyInput(fix ? 'strong' : 'weak')));
      return;
    case 'openPort': {
      const o = openPortOf(account, change.name);
      const ec2 = session.client(EC2Client, o.region);
      const input = { GroupId: await groupIdOf(session, o), IpPermissions: [ingressOf(o)] };
      await ec2.send(
        fix
          ? new RevokeSecurityGroupIngressCommand(input)
          : new AuthorizeSecurityGroupIngressCommand(input),
      );
      return;
    }
    case 'publicBucket': {
      const { bucket, region } = bucketOf(account, change.name);
      const s3 = session.client(S3Client, region);
      if (fix) {
        const policy = { Version: '2012-10-17', Statement: [denyInsecureTransport(bucket)] };
        await s3.send(
          new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }),
        );
        await s3.send(
          new PutPublicAccessBlockCommand({
            Bucket: bucket,
            PublicAccessBlockConfiguration: BLOCK_ALL,
          }),
        );
      } else {
        await s3.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
        await s3.send(
          new PutBucketPolicyCommand({
            Bucket: bucket,
            Policy: publicPolicy(`arn:aws:s3:::${bucket}/*`, 's3:GetObject'),
          }),
        );
      }
      return;
    }
  }
}

/**
 * Fixes declared misconfigurations of the account in moto and returns the results that flip
 * from FAIL to PASS (with status PASS). Throws, changing nothing, if a change is not a
 * failure the account's posture declares.
 */
export async function fixMisconfigurations(
  target: SeedTarget,
  account: PostureAccount,
  changes: readonly PostureChange[],
): Promise<DemoExpectation[]> {
  const session = await openSession(target, account);
  try {
    const flips: DemoExpectation[] = [];
    for (const change of changes) flips.push(...(await declaredFailures(session, account, change)));
    for (const change of changes) await apply(session, account, change, true);
    return flips.map((e) => ({ ...e, status: 'PASS' }));
  } finally {
    session.close();
  }
}

/**
 * Breaks a fixed misconfiguration again (back to what the posture declares) and returns the
 * results that flip back from PASS to FAIL.
 */
export async function breakAgain(
  target: SeedTarget,
  account: PostureAccount,
  change: PostureChange,
): Promise<DemoExpectation[]> {
  const session = await openSession(target, account);
  try {
    const flips = await declaredFailures(session, account, change);
    await apply(session, account, change, false);
    return flips;
  } finally {
    session.close();
  }
}
