// A member account seeded into moto with known misconfigurations across IAM, S3, EC2/VPC,
// CloudTrail, Config, KMS, RDS, EFS, CloudWatch, SQS, SNS and Inspector2 — and the FAIL set a
// scan of it must give, derived from this definition (never captured from a run).
import {
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  AddUserToGroupCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type IpPermission,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { EnableCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { type SdkClientConstructor, type SdkClientLike } from '@palisade/aws';
import { depsEnv } from '../deps/deps-env';
import { collectorHarness } from '../collectors/collector-harness';

/** The one region the scenario seeds and scans. */
export const SCENARIO_REGION = 'eu-west-1';

/**
 * What is wrong with the account, and what moto gives every account anyway. Each entry names
 * the checks it makes FAIL; `expectedFailures` turns it into (check, resource) pairs.
 */
export const SCENARIO = {
  iam: {
    consoleUserWithoutMfa: 'scenario-console-no-mfa', // 2.10
    userWithDirectPolicy: 'scenario-direct-policy', // 2.13
    groupedUser: { user: 'scenario-grouped', group: 'scenario-readers' }, // passes 2.13
    passwordPolicy: { minimumLength: 8, reusePrevention: 5 }, // 2.8, 2.9
    fullAdminPolicy: { name: 'scenario-full-admin', attachedToRole: 'scenario-ops' }, // 2.14
    supportRole: false, // 2.15
  },
  /** moto's root user has no MFA (2.5, 2.6) and the account no security contact (2.3). */
  accountDefaults: { rootMfa: false, securityContact: false },
  s3: {
    publicBucket: 'scenario-public', // 2.21, 3.1.1, 3.1.4, 3.1.2
    lockedBucket: 'scenario-locked', // deny HTTP, block public access, versioned: 3.1.2 only
    trailBucket: 'scenario-trail', // no policy, no block, no access logging: 3.1.1, 3.1.4, 3.1.2, 4.4
    // moto ignores MFADelete: every bucket fails 3.1.2.
  },
  ec2: {
    vpcCidr: '10.20.0.0/16', // its default SG allows egress (6.5), default NACL allows all (6.2), no flow logs (4.7)
    sshWorld: 'scenario-ssh-world', // 6.3
    rdpIpv6: 'scenario-rdp-v6', // 6.4
    smbWorld: 'scenario-smb-world', // 6.1.2
    instanceWithoutProfileImdsV1: true, // 2.16, 6.7, and a workload VPC without endpoints (6.8)
    ebsDefaultEncryption: false, // 6.1.1
    // moto's default VPC: default SG allows egress (6.5), default NACL allows all (6.2), no flow logs (4.7).
  },
  cloudtrail: {
    trail: 'scenario-trail', // multi-region and logging (4.1 passes); no validation (4.2), no KMS (4.5), no data events (4.8, 4.9), no CloudWatch Logs (5.1-5.15)
  },
  config: { recorder: false }, // 4.3
  kms: { keyWithoutRotation: true }, // 4.6
  rds: { instance: 'scenario-db' }, // unencrypted 3.2.1, no minor upgrades 3.2.2, public 3.2.3, single-AZ 3.2.4
  efs: { unencrypted: 'scenario-efs' }, // 3.3.1
  sqs: { publicQueue: 'scenario-public-queue' }, // 2.21
  sns: { publicTopic: 'scenario-public-topic' }, // 2.21
  securityHub: false, // 5.16
  inspector2: { enabled: true, findings: 2 },
} as const;

/** What seeding created (moto makes the ids). */
export interface SeededScenario {
  readonly accountId: string;
  readonly region: string;
  readonly bucketNames: { public: string; locked: string; trail: string };
  readonly vpcIds: { scenario: string; default: string };
  readonly securityGroupIds: {
    sshWorld: string;
    rdpIpv6: string;
    smbWorld: string;
    scenarioDefault: string;
    defaultVpcDefault: string;
  };
  readonly networkAclIds: { scenario: string; default: string };
  readonly instanceId: string;
  readonly trailArn: string;
  readonly kmsKeyArn: string;
  readonly dbInstanceArn: string;
  readonly fileSystemArn: string;
  readonly queueArn: string;
  readonly topicArn: string;
  readonly inspectorFindingArns: string[];
}

/** A resource policy letting anyone (`Principal: '*'`, no condition) do `action` on `resource`. */
export const publicPolicy = (resource: string, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: resource }],
  });

/** The bucket policy statement that denies every request not made over TLS (CIS 3.1.1). */
export const denyInsecureTransport = (bucket: string) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** A security group in `vpcId` letting TCP `port` in from the whole IPv4 and/or IPv6 internet. */
export async function openSecurityGroup(
  ec2: EC2Client,
  vpcId: string,
  name: string,
  ip: { port: number; v4?: string; v6?: string },
): Promise<string> {
  const created = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: created.GroupId,
      IpPermissions: [openIngressPermission(ip)],
    }),
  );
  return created.GroupId ?? '';
}

/** The ingress rule `openSecurityGroup` adds (TCP `port` from the given ranges). */
export function openIngressPermission(ip: {
  port: number;
  v4?: string;
  v6?: string;
}): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: ip.port,
    ToPort: ip.port,
    ...(ip.v4 ? { IpRanges: [{ CidrIp: ip.v4 }] } : {}),
    ...(ip.v6 ? { Ipv6Ranges: [{ CidrIpv6: ip.v6 }] } : {}),
  };
}

/** An Inspector2 package-vulnerability finding (glibc CVE-2019-25013, HIGH) on instance `i-<id>`. */
export function inspectorFinding(
  account: string,
  region: string,
  id: string,
): Record<string, unknown> {
  const now = Date.now() / 1000;
  return {
    awsAccountId: account,
    findingArn: `arn:aws:inspector2:${region}:${account}:finding/${id}`,
    description: 'A buffer over-read in glibc when processing EUC-KR input.',
    title: `CVE-2019-25013 - glibc (${id})`,
    type: 'PACKAGE_VULNERABILITY',
    severity: 'HIGH',
    status: 'ACTIVE',
    firstObservedAt: now - 86_400,
    lastObservedAt: now,
    updatedAt: now,
    exploitAvailable: 'NO',
    fixAvailable: 'YES',
    inspectorScore: 7.5,
    packageVulnerabilityDetails: {
      vulnerabilityId: 'CVE-2019-25013',
      source: 'NVD',
      cvss: [
        {
          baseScore: 7.5,
          scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          source: 'NVD',
          version: '3.1',
        },
      ],
      referenceUrls: ['https://nvd.nist.gov/vuln/detail/CVE-2019-25013'],
      vulnerablePackages: [
        { name: 'glibc', version: '2.26', fixedInVersion: '0:2.26-62.amzn2', packageManager: 'OS' },
      ],
    },
    remediation: { recommendation: { text: 'yum update glibc' } },
    resources: [{ type: 'AWS_EC2_INSTANCE', id: `i-${id}`, region, partition: 'aws' }],
  };
}

/**
 * Queues `findings` as the answer of Inspector2 ListFindings in the account and region (moto
 * returns none unless told; `motoUrl` may be the fault proxy, which relays moto-api calls).
 */
export async function seedInspectorFindings(
  motoUrl: string,
  account: string,
  region: string,
  findings: readonly Record<string, unknown>[],
): Promise<void> {
  const seeded = await fetch(`${motoUrl}/moto-api/static/inspector2/findings-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results: [findings], account_id: account, region }),
  });
  if (seeded.status !== 201) throw new Error(`seeding Inspector2 findings: HTTP ${seeded.status}`);
}

/** Seeds the scenario into a fresh account of moto (the int tier's, unless given). */
export async function seedMisconfiguredAccount(
  motoUrl = depsEnv('PALISADE_MOTO_URL'),
): Promise<SeededScenario> {
  const h = await collectorHarness({ endpointUrl: motoUrl });
  const region = SCENARIO_REGION;
  const account = h.accountId;
  const make = <T extends SdkClientLike>(
    C: SdkClientConstructor<T>,
    service: string,
    r = region,
  ): T => h.clients.createClient(C, { region: r, service, session: h.session });
  try {
    const iam = make(IAMClient, 'iam', 'us-east-1');
    const s = SCENARIO.iam;
    await iam.send(new CreateUserCommand({ UserName: s.consoleUserWithoutMfa }));
    await iam.send(
      new CreateLoginProfileCommand({
        UserName: s.consoleUserWithoutMfa,
        Password: 'Scenario-Passw0rd!',
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: s.userWithDirectPolicy }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: s.userWithDirectPolicy,
        PolicyName: 'direct',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
        }),
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: s.groupedUser.group }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: s.groupedUser.group,
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
        }),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: s.groupedUser.user }));
    await iam.send(
      new AddUserToGroupCommand({ GroupName: s.groupedUser.group, UserName: s.groupedUser.user }),
    );
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: s.passwordPolicy.minimumLength,
        PasswordReusePrevention: s.passwordPolicy.reusePrevention,
      }),
    );
    const admin = await iam.send(
      new CreatePolicyCommand({
        PolicyName: s.fullAdminPolicy.name,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: s.fullAdminPolicy.attachedToRole,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${account}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: s.fullAdminPolicy.attachedToRole,
        PolicyArn: admin.Policy?.Arn,
      }),
    );

    const s3 = make(S3Client, 's3');
    const names = {
      public: `${SCENARIO.s3.publicBucket}-${account}`,
      locked: `${SCENARIO.s3.lockedBucket}-${account}`,
      trail: `${SCENARIO.s3.trailBucket}-${account}`,
    };
    for (const bucket of Object.values(names)) {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: region },
        }),
      );
    }
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: names.public,
        Policy: publicPolicy(`arn:aws:s3:::${names.public}/*`, 's3:GetObject'),
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: names.locked,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [denyInsecureTransport(names.locked)],
        }),
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: names.locked,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: names.locked,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );

    const ec2 = make(EC2Client, 'ec2');
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: SCENARIO.ec2.vpcCidr }));
    const vpcId = vpc.Vpc?.VpcId ?? '';
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24' }),
    );
    const sg = (name: string, ip: { port: number; v4?: string; v6?: string }) =>
      openSecurityGroup(ec2, vpcId, name, ip);
    const sshWorld = await sg(SCENARIO.ec2.sshWorld, { port: 22, v4: '0.0.0.0/0' });
    const rdpIpv6 = await sg(SCENARIO.ec2.rdpIpv6, { port: 3389, v6: '::/0' });
    const smbWorld = await sg(SCENARIO.ec2.smbWorld, { port: 445, v4: '0.0.0.0/0' });
    const vpcs = await ec2.send(new DescribeVpcsCommand({}));
    const defaultVpc = vpcs.Vpcs?.find((v) => v.IsDefault)?.VpcId ?? '';
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }),
    );
    const defaultSgOf = (v: string) =>
      groups.SecurityGroups?.find((g) => g.VpcId === v)?.GroupId ?? '';
    const nacls = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }] }),
    );
    const defaultNaclOf = (v: string) =>
      nacls.NetworkAcls?.find((n) => n.VpcId === v)?.NetworkAclId ?? '';
    const images = await ec2.send(new DescribeImagesCommand({}));
    const instance = await ec2.send(
      new RunInstancesCommand({
        ImageId: images.Images?.[0]?.ImageId,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        SubnetId: subnet.Subnet?.SubnetId,
        SecurityGroupIds: [sshWorld],
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      }),
    );

    const cloudtrail = make(CloudTrailClient, 'cloudtrail');
    const trail = await cloudtrail.send(
      new CreateTrailCommand({
        Name: SCENARIO.cloudtrail.trail,
        S3BucketName: names.trail,
        IsMultiRegionTrail: true,
      }),
    );
    // AWS gives a new trail this selector; moto gives none, so say it.
    await cloudtrail.send(
      new PutEventSelectorsCommand({
        TrailName: SCENARIO.cloudtrail.trail,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: SCENARIO.cloudtrail.trail }));
    const key = await make(KMSClient, 'kms').send(
      new CreateKeyCommand({
        Description: 'scenario key without rotation',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
      }),
    );
    const db = await make(RDSClient, 'rds').send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: SCENARIO.rds.instance,
        DBInstanceClass: 'db.t3.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MasterUsername: 'scenario',
        MasterUserPassword: 'scenario-password-1',
        StorageEncrypted: false,
        PubliclyAccessible: true,
        AutoMinorVersionUpgrade: false,
        MultiAZ: false,
      }),
    );
    const fs = await make(EFSClient, 'elasticfilesystem').send(
      new CreateFileSystemCommand({ CreationToken: SCENARIO.efs.unencrypted, Encrypted: false }),
    );
    const sqs = make(SQSClient, 'sqs');
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: SCENARIO.sqs.publicQueue }));
    const queueArn = `arn:aws:sqs:${region}:${account}:${SCENARIO.sqs.publicQueue}`;
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queue.QueueUrl,
        Attributes: { Policy: publicPolicy(queueArn, 'sqs:SendMessage') },
      }),
    );
    const sns = make(SNSClient, 'sns');
    const topic = await sns.send(new CreateTopicCommand({ Name: SCENARIO.sns.publicTopic }));
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topic.TopicArn,
        AttributeName: 'Policy',
        AttributeValue: publicPolicy(topic.TopicArn ?? '', 'sns:Publish'),
      }),
    );
    await make(Inspector2Client, 'inspector2').send(
      new EnableCommand({ accountIds: [account], resourceTypes: ['EC2', 'ECR'] }),
    );
    const findings = Array.from({ length: SCENARIO.inspector2.findings }, (_, i) =>
      inspectorFinding(account, region, `scenario${i}`),
    );
    await seedInspectorFindings(motoUrl, account, region, findings);

    return {
      accountId: account,
      region,
      bucketNames: names,
      vpcIds: { scenario: vpcId, default: defaultVpc },
      securityGroupIds: {
        sshWorld,
        rdpIpv6,
        smbWorld,
        scenarioDefault: defaultSgOf(vpcId),
        defaultVpcDefault: defaultSgOf(defaultVpc),
      },
      networkAclIds: { scenario: defaultNaclOf(vpcId), default: defaultNaclOf(defaultVpc) },
      instanceId: instance.Instances?.[0]?.InstanceId ?? '',
      trailArn: trail.TrailARN ?? '',
      kmsKeyArn: key.KeyMetadata?.Arn ?? '',
      dbInstanceArn: db.DBInstance?.DBInstanceArn ?? '',
      fileSystemArn: fs.FileSystemArn ?? '',
      queueArn,
      topicArn: topic.TopicArn ?? '',
      inspectorFindingArns: findings.map((f) => String(f['findingArn'])),
    };
  } finally {
    h.close();
  }
}

/** A (check, resource) pair the scan must FAIL. `scope` names a pseudo resource of the check's service. */
export type ExpectedFailure =
  | { readonly checkId: string; readonly resource: string }
  | { readonly checkId: string; readonly scope: 'account' | 'region' };

const METRIC_FILTER_CHECKS = [
  'cloudwatch_unauthorized_api_calls_alarm',
  'cloudwatch_console_signin_without_mfa_alarm',
  'cloudwatch_root_usage_alarm',
  'cloudwatch_iam_policy_changes_alarm',
  'cloudwatch_cloudtrail_changes_alarm',
  'cloudwatch_console_auth_failures_alarm',
  'cloudwatch_cmk_disable_or_deletion_alarm',
  'cloudwatch_s3_bucket_policy_changes_alarm',
  'cloudwatch_config_changes_alarm',
  'cloudwatch_security_group_changes_alarm',
  'cloudwatch_nacl_changes_alarm',
  'cloudwatch_network_gateway_changes_alarm',
  'cloudwatch_route_table_changes_alarm',
  'cloudwatch_vpc_changes_alarm',
  'cloudwatch_organizations_changes_alarm',
];

/** Every FAIL the scenario implies, from the definition above and what seeding created. */
export function expectedFailures(s: SeededScenario): ExpectedFailure[] {
  const a = s.accountId;
  const r = s.region;
  const iam = (path: string) => `arn:aws:iam::${a}:${path}`;
  const bucket = (name: string) => `arn:aws:s3:::${name}`;
  const ec2 = (path: string) => `arn:aws:ec2:${r}:${a}:${path}`;
  const each = (checkId: string, resources: readonly string[]) =>
    resources.map((resource) => ({ checkId, resource }));
  return [
    // IAM (2.8-2.15) and the account defaults (2.3, 2.5, 2.6)
    {
      checkId: 'iam_user_console_mfa_enabled',
      resource: iam(`user/${SCENARIO.iam.consoleUserWithoutMfa}`),
    },
    {
      checkId: 'iam_user_no_direct_policies',
      resource: iam(`user/${SCENARIO.iam.userWithDirectPolicy}`),
    },
    { checkId: 'iam_password_policy_minimum_length', scope: 'account' },
    { checkId: 'iam_password_policy_reuse_prevention', scope: 'account' },
    {
      checkId: 'iam_policy_no_full_admin_attached',
      resource: iam(`policy/${SCENARIO.iam.fullAdminPolicy.name}`),
    },
    { checkId: 'iam_support_role_exists', scope: 'account' },
    { checkId: 'iam_root_mfa_enabled', resource: iam('root') },
    { checkId: 'iam_root_hardware_mfa_enabled', resource: iam('root') },
    { checkId: 'account_security_contact_registered', scope: 'account' },
    // S3 (2.21, 3.1.x) and the trail bucket's logging (4.4)
    { checkId: 's3_bucket_policy_no_public_principal', resource: bucket(s.bucketNames.public) },
    ...each('s3_bucket_secure_transport_policy', [
      bucket(s.bucketNames.public),
      bucket(s.bucketNames.trail),
    ]),
    ...each('s3_bucket_public_access_block', [
      bucket(s.bucketNames.public),
      bucket(s.bucketNames.trail),
    ]),
    ...each('s3_bucket_mfa_delete_enabled', Object.values(s.bucketNames).map(bucket)),
    { checkId: 'cloudtrail_bucket_access_logging_enabled', resource: s.trailArn },
    // EC2 / VPC (2.16, 4.7, 6.x)
    {
      checkId: 'ec2_security_group_admin_ports_ipv4_restricted',
      resource: ec2(`security-group/${s.securityGroupIds.sshWorld}`),
    },
    {
      checkId: 'ec2_security_group_admin_ports_ipv6_restricted',
      resource: ec2(`security-group/${s.securityGroupIds.rdpIpv6}`),
    },
    {
      checkId: 'ec2_security_group_cifs_restricted',
      resource: ec2(`security-group/${s.securityGroupIds.smbWorld}`),
    },
    ...each('ec2_default_security_group_restricts_all', [
      ec2(`security-group/${s.securityGroupIds.scenarioDefault}`),
      ec2(`security-group/${s.securityGroupIds.defaultVpcDefault}`),
    ]),
    ...each('ec2_network_acl_admin_ports_restricted', [
      ec2(`network-acl/${s.networkAclIds.scenario}`),
      ec2(`network-acl/${s.networkAclIds.default}`),
    ]),
    ...each('vpc_flow_logs_enabled', [
      ec2(`vpc/${s.vpcIds.scenario}`),
      ec2(`vpc/${s.vpcIds.default}`),
    ]),
    { checkId: 'vpc_endpoints_used_for_services', resource: ec2(`vpc/${s.vpcIds.scenario}`) },
    { checkId: 'ec2_instance_profile_attached', resource: ec2(`instance/${s.instanceId}`) },
    { checkId: 'ec2_instance_imdsv2_required', resource: ec2(`instance/${s.instanceId}`) },
    { checkId: 'ec2_ebs_default_encryption_enabled', scope: 'region' },
    // CloudTrail (4.2, 4.5, 4.8, 4.9) and CloudWatch (5.1-5.15: the trail delivers to no log group)
    { checkId: 'cloudtrail_log_file_validation_enabled', resource: s.trailArn },
    { checkId: 'cloudtrail_kms_encryption_enabled', resource: s.trailArn },
    { checkId: 'cloudtrail_s3_data_events_write_enabled', scope: 'account' },
    { checkId: 'cloudtrail_s3_data_events_read_enabled', scope: 'account' },
    ...METRIC_FILTER_CHECKS.map((checkId) => ({ checkId, scope: 'account' as const })),
    // Config (4.3), KMS (4.6), RDS (3.2.x), EFS (3.3.1), SQS and SNS (2.21), Security Hub (5.16)
    { checkId: 'config_recorder_all_regions_enabled', scope: 'region' },
    { checkId: 'kms_cmk_rotation_enabled', resource: s.kmsKeyArn },
    ...[
      'rds_instance_storage_encrypted',
      'rds_instance_minor_version_upgrade_enabled',
      'rds_instance_not_publicly_accessible',
      'rds_instance_multi_az_enabled',
    ].map((checkId) => ({ checkId, resource: s.dbInstanceArn })),
    { checkId: 'efs_file_system_encrypted', resource: s.fileSystemArn },
    { checkId: 'sqs_queue_policy_no_public_principal', resource: s.queueArn },
    { checkId: 'sns_topic_policy_no_public_principal', resource: s.topicArn },
    { checkId: 'securityhub_enabled', scope: 'region' },
  ];
}
