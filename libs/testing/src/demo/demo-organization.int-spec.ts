// The demo organization seeded into the int tier's moto: its OU tree and member role, a few
// spot checks of the seeded state through the AWS SDK, and a real scan of four accounts that
// between them carry every kind of result the postures declare.
import { DescribeTrailsCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { Inspector2Client, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import {
  ListAccountsForParentCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-organizations';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig, type ProxyCredentials } from '../aws-proxy';
import { depsEnv } from '../deps/deps-env';
import { scanJobFor, scannerHarness } from '../scanner/scanner-harness';
import { expectationResourceUid } from './account-posture';
import {
  DEMO_MEMBER_ROLE,
  DEMO_REGIONS,
  type DemoOrganization,
  seedDemoOrganization,
} from './demo-organization';

const [US, EU] = DEMO_REGIONS;

describe('the demo organization', () => {
  const moto = depsEnv('PALISADE_MOTO_URL');
  let demo: DemoOrganization;
  const clients: { destroy(): void }[] = [];

  const idOf = (name: string) => {
    const a = demo.accounts[name];
    if (!a) throw new Error(`no demo account ${name}`);
    return a.accountId;
  };

  /** Credentials in a member through the role the CLI assumes, from the management account. */
  async function memberCredentials(name: string): Promise<ProxyCredentials> {
    const sts = new STSClient({ ...awsClientConfig(moto, demo.organization.credentials) });
    clients.push(sts);
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${idOf(name)}:role/${DEMO_MEMBER_ROLE}`,
        RoleSessionName: 'demo-int-spec',
      }),
    );
    return {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    };
  }

  async function inMember<T extends { destroy(): void }>(
    name: string,
    C: new (config: ReturnType<typeof awsClientConfig>) => T,
    region: string = US,
  ): Promise<T> {
    const client = new C(awsClientConfig(moto, await memberCredentials(name), region));
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    demo = await seedDemoOrganization(moto);
  }, 120_000);

  afterAll(() => {
    demo?.organization.close();
    for (const c of clients) c.destroy();
  });

  it('should put each account in its OU, the nested Payments OU included, with its tags', async () => {
    const org = demo.organization;
    const names = async (path: string) =>
      (
        await org.client.send(new ListAccountsForParentCommand({ ParentId: org.ouId(path) }))
      ).Accounts?.map((a) => a.Name).sort();
    expect(await names('Root/Security')).toEqual(['audit', 'log-archive']);
    expect(await names('Root/Production')).toEqual(['prod-data', 'prod-web']);
    expect(await names('Root/Production/Payments')).toEqual(['payments-prod']);
    expect(await names('Root/Sandbox')).toEqual(['sandbox-playground', 'sandbox-research']);
    const tags = await org.client.send(
      new ListTagsForResourceCommand({ ResourceId: idOf('prod-web') }),
    );
    expect(tags.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'env', Value: 'production' },
        { Key: 'team', Value: 'web' },
      ]),
    );
    expect(demo.accounts['payments-prod']?.ouPath).toBe('Root/Production/Payments');
  });

  it('should give members the OrganizationAccountAccessRole, trusting the management account', async () => {
    const iam = await inMember('dev-web', IAMClient);
    const role = await iam.send(new GetRoleCommand({ RoleName: DEMO_MEMBER_ROLE }));
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '{}')) as {
      Statement: { Principal: { AWS: string } }[];
    };
    expect(trust.Statement[0]?.Principal.AWS).toBe(
      `arn:aws:iam::${demo.organization.managementAccountId}:root`,
    );
  });

  it('should harden the Security trail and leave Sandbox and Development open (spot checks)', async () => {
    const ct = await inMember('log-archive', CloudTrailClient);
    const trails = await ct.send(new DescribeTrailsCommand({}));
    expect(trails.trailList?.[0]).toMatchObject({
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      KmsKeyId: expect.stringContaining(':key/') as string,
    });

    const ec2 = await inMember('sandbox-research', EC2Client);
    const smb = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['smb-share'] }],
      }),
    );
    expect(smb.SecurityGroups?.[0]?.IpPermissions?.[0]).toMatchObject({
      FromPort: 445,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    });

    const s3 = await inMember('dev-web', S3Client, EU);
    const policy = await s3.send(
      new GetBucketPolicyCommand({ Bucket: `dev-web-builds-${idOf('dev-web')}` }),
    );
    expect(JSON.parse(policy.Policy ?? '{}')).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
    });

    const rds = await inMember('prod-data', RDSClient, EU);
    const db = await rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'orders-db' }),
    );
    expect(db.DBInstances?.[0]).toMatchObject({
      PubliclyAccessible: true,
      StorageEncrypted: false,
    });
  });

  it('should answer Inspector2 ListFindings with the seeded findings of the account and region', async () => {
    const inspector = await inMember('prod-web', Inspector2Client, EU);
    const listed = await inspector.send(new ListFindingsCommand({}));
    const seeded = demo.accounts['prod-web']?.inspectorFindings.filter((f) => f.region === EU);
    expect(listed.findings?.map((f) => f.findingArn).sort()).toEqual(
      seeded?.map((f) => f.findingArn).sort(),
    );
    expect(listed.findings?.map((f) => f.severity).sort()).toEqual(['CRITICAL', 'HIGH']);
  });

  it('should scan to the results the postures imply, over accounts covering every declared kind', async () => {
    const scanned = ['log-archive', 'sandbox-research', 'dev-data', 'dev-web'];
    const kind = (e: { checkId: string; status: string }) => `${e.checkId} ${e.status}`;
    const declared = new Set(Object.values(demo.accounts).flatMap((a) => a.expectations.map(kind)));
    const covered = new Set(scanned.flatMap((n) => demo.accounts[n]?.expectations.map(kind) ?? []));
    expect([...declared].filter((k) => !covered.has(k))).toEqual([]);

    const harness = scannerHarness({ endpointUrl: moto });
    const mismatches: string[] = [];
    try {
      for (const name of scanned) {
        const account = demo.accounts[name];
        if (!account) throw new Error(`no demo account ${name}`);
        const out = await harness.run(
          scanJobFor(account.accountId, {
            regions: [...DEMO_REGIONS],
            inspector: { enabled: true, watermarks: {} },
          }),
        );
        const status = new Map(out.results.map((r) => [`${r.checkId} ${r.resourceUid}`, r.status]));
        for (const e of account.expectations) {
          const key = `${e.checkId} ${expectationResourceUid(e, account.accountId)}`;
          if (status.get(key) !== e.status) {
            mismatches.push(`${name}: ${key} is ${status.get(key) ?? 'absent'}, not ${e.status}`);
          }
        }
        expect(out.inspectorFindings.map((f) => f.findingArn).sort()).toEqual(
          account.inspectorFindings.map((f) => f.findingArn).sort(),
        );
      }
    } finally {
      harness.close();
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
