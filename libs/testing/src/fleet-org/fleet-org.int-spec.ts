// The small fleet organization and a client's standalone accounts seeded into the int tier's
// moto: the refused member behind the fault proxy, accounts outside any organization, and the
// posture changes of the lifecycle e2e read back from moto and confirmed by two scans.
import {
  DescribeSecurityGroupsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ALL_CHECKS } from '@palisade/checks';
import { type AwsProxy, awsClientConfig, startAwsProxy } from '../aws-proxy';
import { credentialsIn, resolveTarget } from '../aws-seed/management-account';
import { type DemoExpectation, expectationResourceUid } from '../demo/account-posture';
import { DEMO_REGIONS } from '../demo/demo-organization';
import { depsEnv } from '../deps/deps-env';
import { scanJobFor, scannerHarness } from '../scanner/scanner-harness';
import { breakAgain, fixMisconfigurations, type PostureChange } from './posture-changes';
import {
  type ClientAccounts,
  type FleetOrganization,
  type PostureAccount,
  refusedAccountRule,
  seedClientAccounts,
  seedFleetOrganization,
} from './seed-fleet';

const [US, EU] = DEMO_REGIONS;

describe('the fleet organizations and client accounts', () => {
  const moto = depsEnv('PALISADE_MOTO_URL');
  let fleet: FleetOrganization;
  let clients: ClientAccounts;
  let proxy: AwsProxy | undefined;
  const open: { destroy(): void }[] = [];

  async function inAccount<T extends { destroy(): void }>(
    accountId: string,
    C: new (config: ReturnType<typeof awsClientConfig>) => T,
    region: string = US,
  ): Promise<T> {
    const credentials = await credentialsIn(resolveTarget(moto), accountId, 'fleet-int-spec');
    const client = new C(awsClientConfig(moto, credentials, region));
    open.push(client);
    return client;
  }

  function client(name: string): PostureAccount {
    const a = clients.accounts.find((c) => c.name === name);
    if (a === undefined) throw new Error(`no client account ${name}`);
    return a;
  }

  async function ebsByDefault(accountId: string, region: string): Promise<boolean | undefined> {
    const ec2 = await inAccount(accountId, EC2Client, region);
    return (await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
  }

  async function sshGroup(accountId: string) {
    const ec2 = await inAccount(accountId, EC2Client, US);
    const out = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['admin-ssh'] }],
      }),
    );
    const group = out.SecurityGroups?.[0];
    if (group?.GroupId === undefined) throw new Error('no admin-ssh group');
    return {
      arn: `arn:aws:ec2:${US}:${accountId}:security-group/${group.GroupId}`,
      ingress: group.IpPermissions ?? [],
    };
  }

  /** Status by `checkId resourceUid` of a scan of every check in the account. */
  async function scan(account: PostureAccount): Promise<Map<string, string>> {
    const harness = scannerHarness({ endpointUrl: moto });
    try {
      const out = await harness.run(
        scanJobFor(account.accountId, {
          regions: [...account.regions],
          checks: ALL_CHECKS.map((c) => c.metadata.id),
        }),
      );
      return new Map(out.results.map((r) => [`${r.checkId} ${r.resourceUid}`, r.status]));
    } finally {
      harness.close();
    }
  }

  const key = (e: DemoExpectation, accountId: string) =>
    `${e.checkId} ${expectationResourceUid(e, accountId)}`;

  beforeAll(async () => {
    fleet = await seedFleetOrganization(moto, { size: 'small' });
    clients = await seedClientAccounts(moto, { count: 3 });
  }, 180_000);

  afterAll(async () => {
    fleet?.organization.close();
    for (const c of open) c.destroy();
    await proxy?.close();
  });

  it('should seed the small organization, its refused member included, and refuse only that member role behind the proxy', async () => {
    const org = fleet.organization;
    const sandbox = await org.client.send(
      new ListAccountsForParentCommand({ ParentId: org.ouId('Root/Sandbox') }),
    );
    expect(sandbox.Accounts?.map((a) => a.Name).sort()).toEqual([
      'sandbox-playground',
      'sandbox-research',
    ]);
    const refused = fleet.refusedAccount;
    expect(refused.name).toBe('sandbox-playground');
    expect(refused.accountId).toBe(org.accountId('sandbox-playground'));
    const s3 = await inAccount(refused.accountId, S3Client);
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toContain(`playground-share-${refused.accountId}`);

    proxy = await startAwsProxy({ upstream: moto, rules: [refusedAccountRule(fleet)] });
    const sts = new STSClient(awsClientConfig(proxy.url, org.credentials));
    open.push(sts);
    const assume = (accountId: string) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${accountId}:role/${fleet.memberRoleName}`,
          RoleSessionName: 'fleet-int-spec',
        }),
      );
    await expect(assume(refused.accountId)).rejects.toMatchObject({ name: 'AccessDenied' });
    const audit = await assume(org.accountId('audit'));
    expect(audit.Credentials?.AccessKeyId).toBeDefined();
  });

  it('should seed client accounts outside any organization, each with its posture', async () => {
    expect(clients.roleName).toBe('PalisadeScanRole');
    expect(clients.accounts.map((a) => a.name)).toEqual([
      'acme-1-prod',
      'acme-2-web',
      'acme-3-dev',
    ]);
    const ids = clients.accounts.map((a) => a.accountId);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      expect(id).toMatch(/^\d{12}$/);
      const orgs = await inAccount(id, OrganizationsClient);
      await expect(orgs.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({
        name: 'AWSOrganizationsNotInUseException',
      });
    }
    const web = client('acme-2-web');
    const s3 = await inAccount(web.accountId, S3Client);
    const policy = await s3.send(
      new GetBucketPolicyCommand({ Bucket: `site-assets-${web.accountId}` }),
    );
    expect(JSON.parse(policy.Policy ?? '{}')).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
    });
  });

  it('should fix exactly the declared misconfigurations, as moto and a scan of the account see them', async () => {
    const web = client('acme-2-web');
    const id = web.accountId;
    const ssh = await sshGroup(id);
    const bucketArn = `arn:aws:s3:::site-assets-${id}`;
    const before = await scan(web);

    const flipped = await fixMisconfigurations(moto, web, [
      { kind: 'ebsEncryptionByDefault', region: US },
      { kind: 'passwordPolicy' },
      { kind: 'openPort', name: 'admin-ssh' },
      { kind: 'publicBucket', name: 'site-assets' },
    ]);

    const pass = (checkId: string, region: string, resource?: string): DemoExpectation => ({
      checkId,
      status: 'PASS',
      region,
      ...(resource !== undefined ? { resource } : {}),
    });
    expect(flipped).toEqual([
      pass('ec2_ebs_default_encryption_enabled', US),
      pass('iam_password_policy_minimum_length', 'global'),
      pass('iam_password_policy_reuse_prevention', 'global'),
      pass('ec2_security_group_admin_ports_ipv4_restricted', US, ssh.arn),
      pass('s3_bucket_policy_no_public_principal', 'global', bucketArn),
      pass('s3_bucket_public_access_block', 'global', bucketArn),
      pass('s3_bucket_secure_transport_policy', 'global', bucketArn),
    ]);

    expect(await ebsByDefault(id, US)).toBe(true);
    expect(await ebsByDefault(id, EU)).toBe(false);
    const iam = await inAccount(id, IAMClient);
    const passwords = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(passwords.PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
    });
    expect((await sshGroup(id)).ingress).toEqual([]);
    const s3 = await inAccount(id, S3Client);
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: `site-assets-${id}` }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const policy = await s3.send(new GetBucketPolicyCommand({ Bucket: `site-assets-${id}` }));
    expect(JSON.parse(policy.Policy ?? '{}')).toMatchObject({
      Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });

    const after = await scan(web);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([k, status]) => before.get(k) !== status);
    expect(new Map(changed)).toEqual(new Map(flipped.map((e) => [key(e, id), 'PASS'])));
    for (const e of flipped) expect(before.get(key(e, id))).toBe('FAIL');
  }, 180_000);

  it('should break a fixed misconfiguration again, flipping back only its results', async () => {
    const web = client('acme-2-web');
    const ssh = await sshGroup(web.accountId);

    expect(await breakAgain(moto, web, { kind: 'ebsEncryptionByDefault', region: US })).toEqual([
      { checkId: 'ec2_ebs_default_encryption_enabled', status: 'FAIL', region: US },
    ]);
    expect(await ebsByDefault(web.accountId, US)).toBe(false);

    expect(await breakAgain(moto, web, { kind: 'openPort', name: 'admin-ssh' })).toEqual([
      {
        checkId: 'ec2_security_group_admin_ports_ipv4_restricted',
        status: 'FAIL',
        region: US,
        resource: ssh.arn,
      },
    ]);
    expect((await sshGroup(web.accountId)).ingress).toMatchObject([
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ]);

    expect(await breakAgain(moto, web, { kind: 'passwordPolicy' })).toEqual([
      { checkId: 'iam_password_policy_minimum_length', status: 'FAIL', region: 'global' },
      { checkId: 'iam_password_policy_reuse_prevention', status: 'FAIL', region: 'global' },
    ]);
    const iam = await inAccount(web.accountId, IAMClient);
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 8,
      PasswordReusePrevention: 5,
    });

    const bucket = `site-assets-${web.accountId}`;
    const bucketFlips = await breakAgain(moto, web, { kind: 'publicBucket', name: 'site-assets' });
    expect(bucketFlips.map((e) => [e.checkId, e.status, e.resource])).toEqual(
      [
        's3_bucket_policy_no_public_principal',
        's3_bucket_public_access_block',
        's3_bucket_secure_transport_policy',
      ].map((checkId) => [checkId, 'FAIL', `arn:aws:s3:::${bucket}`]),
    );
    const s3 = await inAccount(web.accountId, S3Client);
    await expect(
      s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
    ).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
    const policy = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    expect(JSON.parse(policy.Policy ?? '{}')).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
    });
  });

  it('should refuse a change the posture does not declare as a failure, changing nothing', async () => {
    const web = client('acme-2-web');
    const changes: PostureChange[] = [
      { kind: 'ebsEncryptionByDefault', region: EU },
      { kind: 'publicBucket', name: 'no-such-bucket' },
    ];
    await expect(fixMisconfigurations(moto, web, changes)).rejects.toThrow(
      'acme-2-web declares no public bucket no-such-bucket',
    );
    expect(await ebsByDefault(web.accountId, EU)).toBe(false);

    const prod = client('acme-1-prod');
    await expect(fixMisconfigurations(moto, prod, [{ kind: 'passwordPolicy' }])).rejects.toThrow(
      'acme-1-prod: passwordPolicy is no declared failure',
    );
  });
});
