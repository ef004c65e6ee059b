// Seeds a declared posture into one account of moto. Each step records the check results it
// implies, derived from the declaration and the ids moto created — never captured from a scan.
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  type UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  type CreateBucketCommandInput,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateFlowLogsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  EnableKeyRotationCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { EnableCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { awsClientConfig } from '../aws-proxy';
import {
  denyInsecureTransport,
  openSecurityGroup,
  publicPolicy,
  seedInspectorFindings,
} from '../scenario/misconfigured-account';
import {
  type DemoExpectation,
  type DemoOpenPort,
  type DemoPosture,
  type DemoSeededFinding,
  GLOBAL,
  type PostureTarget,
  type SeededPosture,
} from './account-posture';
import { DEMO_CVES, demoInspectorFinding } from './demo-cves';

const READ_ONLY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'ec2:Describe*'], Resource: '*' }],
});
const FULL_ADMIN_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
/** Block Public Access with all four settings on. */
export const BLOCK_ALL = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ADMIN_PORTS = new Set([22, 3389]);
/** The checks a password policy decides (`weak` fails them, `strong` passes). */
export const PASSWORD_POLICY_CHECKS = [
  'iam_password_policy_minimum_length',
  'iam_password_policy_reuse_prevention',
] as const;
/** The checks about a bucket's policy and Block Public Access (a public bucket fails all three). */
export const BUCKET_CHECKS = [
  's3_bucket_policy_no_public_principal',
  's3_bucket_public_access_block',
  's3_bucket_secure_transport_policy',
] as const;
/**
 * Amazon Linux 2 among moto's default AMIs. A fixed id: DescribeImages costs seconds a region,
 * and moto validates no image id unless told to (the demo's moto loads no AMIs at all).
 */
const AMAZON_LINUX_2 = 'ami-04681a1dbd79675a5';

class PostureSeeder {
  readonly expectations: DemoExpectation[] = [];
  readonly inspectorFindings: DemoSeededFinding[] = [];
  private readonly clients = new Map<string, { destroy(): void }>();
  private readonly home: string;
  private readonly resourceRegion: string;

  constructor(
    private readonly target: PostureTarget,
    private readonly posture: DemoPosture,
  ) {
    const [home] = target.regions;
    if (home === undefined) throw new Error('a posture needs at least one region');
    this.home = home;
    this.resourceRegion = posture.resourceRegion ?? home;
  }

  private client<T extends { destroy(): void }>(
    C: new (config: ReturnType<typeof awsClientConfig> & { maxAttempts: number }) => T,
    region = this.home,
  ): T {
    const key = `${C.name}/${region}`;
    let c = this.clients.get(key) as T | undefined;
    if (c === undefined) {
      const config = awsClientConfig(this.target.endpoint, this.target.credentials, region);
      c = new C({ ...config, maxAttempts: 3 });
      this.clients.set(key, c);
    }
    return c;
  }

  private expect(
    checkIds: readonly string[],
    status: 'PASS' | 'FAIL',
    region: string,
    resource?: string,
  ) {
    for (const checkId of checkIds) {
      this.expectations.push({ checkId, status, region, ...(resource ? { resource } : {}) });
    }
  }

  private get account() {
    return this.target.accountId;
  }

  private bucketName(name: string) {
    return `${name}-${this.account}`;
  }

  async seed(): Promise<void> {
    await this.iam();
    await this.securityContact();
    const logs = await this.logBucket();
    await this.cloudTrail(logs);
    for (const region of this.target.regions) await this.regional(region, logs);
    await this.resources();
  }

  close(): void {
    for (const c of this.clients.values()) c.destroy();
  }

  private async iam(): Promise<void> {
    const p = this.posture;
    const iam = this.client(IAMClient);
    const arn = (path: string) => `arn:aws:iam::${this.account}:${path}`;
    if (p.passwordPolicy !== undefined) {
      await iam.send(new UpdateAccountPasswordPolicyCommand(passwordPolicyInput(p.passwordPolicy)));
      this.expect(PASSWORD_POLICY_CHECKS, p.passwordPolicy === 'strong' ? 'PASS' : 'FAIL', GLOBAL);
    }
    const groups = new Set<string>();
    for (const u of p.users ?? []) {
      await iam.send(new CreateUserCommand({ UserName: u.name }));
      const userArn = arn(`user/${u.name}`);
      if (u.console) {
        await iam.send(
          new CreateLoginProfileCommand({ UserName: u.name, Password: 'Demo-Passw0rd-2024!' }),
        );
        this.expect(['iam_user_console_mfa_enabled'], 'FAIL', GLOBAL, userArn);
      }
      if (u.accessKey) await iam.send(new CreateAccessKeyCommand({ UserName: u.name }));
      if (u.group !== undefined) {
        if (!groups.has(u.group)) {
          await iam.send(new CreateGroupCommand({ GroupName: u.group }));
          groups.add(u.group);
        }
        await iam.send(new AddUserToGroupCommand({ GroupName: u.group, UserName: u.name }));
      }
      if (u.directPolicy) {
        await iam.send(
          new PutUserPolicyCommand({
            UserName: u.name,
            PolicyName: `${u.name}-inline`,
            PolicyDocument: READ_ONLY_POLICY,
          }),
        );
      }
      this.expect(
        ['iam_user_no_direct_policies'],
        u.directPolicy ? 'FAIL' : 'PASS',
        GLOBAL,
        userArn,
      );
    }
    if (p.adminRole !== undefined) {
      const policy = await iam.send(
        new CreatePolicyCommand({
          PolicyName: `${p.adminRole}-full-access`,
          PolicyDocument: FULL_ADMIN_POLICY,
        }),
      );
      await iam.send(
        new CreateRoleCommand({
          RoleName: p.adminRole,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${this.account}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      );
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: p.adminRole, PolicyArn: policy.Policy?.Arn }),
      );
      this.expect(
        ['iam_policy_no_full_admin_attached'],
        'FAIL',
        GLOBAL,
        policy.Policy?.Arn ?? arn(`policy/${p.adminRole}-full-access`),
      );
    }
  }

  private async securityContact(): Promise<void> {
    if (this.posture.securityContact) {
      await this.client(AccountClient).send(
        new PutAlternateContactCommand({
          AlternateContactType: 'SECURITY',
          Name: 'Security Operations',
          Title: 'SecOps on-call',
          EmailAddress: 'secops@northwind.example',
          PhoneNumber: '+1-206-555-0100',
        }),
      );
    }
    this.expect(
      ['account_security_contact_registered'],
      this.posture.securityContact ? 'PASS' : 'FAIL',
      GLOBAL,
    );
  }

  /** A locked-down bucket (Block Public Access, TLS only) with extra statements; PASSes the S3 policy checks. */
  private async lockedBucket(name: string, region: string, statements: object[]): Promise<string> {
    const s3 = this.client(S3Client, region);
    await s3.send(new CreateBucketCommand(bucketInput(name, region)));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: name,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          // The deny last: moto's PutBucketLogging reads statements in order and fails on a
          // string Principal before it reaches the logging service's grant.
          Statement: [...statements, denyInsecureTransport(name)],
        }),
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: BLOCK_ALL }),
    );
    this.expect(BUCKET_CHECKS, 'PASS', GLOBAL, `arn:aws:s3:::${name}`);
    return name;
  }

  /** The bucket trails, flow logs and Config deliver to, when any of them is on. */
  private async logBucket(): Promise<string | undefined> {
    const p = this.posture;
    if (!p.cloudTrail && !p.flowLogs && !p.configRecorder) return undefined;
    const name = this.bucketName(`${this.target.accountName}-logs`);
    return this.lockedBucket(name, this.home, [
      {
        Sid: 'AWSLogDelivery',
        Effect: 'Allow',
        Principal: {
          Service: [
            'cloudtrail.amazonaws.com',
            'config.amazonaws.com',
            'delivery.logs.amazonaws.com',
          ],
        },
        Action: ['s3:GetBucketAcl', 's3:PutObject'],
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { StringEquals: { 'aws:SourceAccount': this.account } },
      },
    ]);
  }

  private async kmsKey(alias: string, rotation: boolean, region: string): Promise<string> {
    const kms = this.client(KMSClient, region);
    const key = await kms.send(
      new CreateKeyCommand({
        Description: alias,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
      }),
    );
    const keyId = key.KeyMetadata?.KeyId ?? '';
    const keyArn = key.KeyMetadata?.Arn ?? '';
    await kms.send(new CreateAliasCommand({ AliasName: `alias/${alias}`, TargetKeyId: keyId }));
    if (rotation) await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    this.expect(['kms_cmk_rotation_enabled'], rotation ? 'PASS' : 'FAIL', region, keyArn);
    return keyArn;
  }

  private async cloudTrail(logs: string | undefined): Promise<void> {
    const mode = this.posture.cloudTrail;
    if (mode === undefined || logs === undefined) {
      this.expect(['cloudtrail_multi_region_enabled'], 'FAIL', GLOBAL);
      return;
    }
    const hardened = mode === 'hardened';
    const region = hardened ? this.home : this.resourceRegion;
    let kmsKeyId: string | undefined;
    if (hardened) {
      const accessLogs = this.bucketName(`${this.target.accountName}-access-logs`);
      await this.lockedBucket(accessLogs, this.home, [
        {
          Sid: 'S3ServerAccessLogs',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${accessLogs}/*`,
        },
      ]);
      await this.client(S3Client).send(
        new PutBucketLoggingCommand({
          Bucket: logs,
          BucketLoggingStatus: {
            LoggingEnabled: { TargetBucket: accessLogs, TargetPrefix: `${logs}/` },
          },
        }),
      );
      kmsKeyId = await this.kmsKey('cloudtrail', true, region);
    }
    const name = hardened ? 'management-events' : `${this.target.accountName}-trail`;
    const ct = this.client(CloudTrailClient, region);
    const trail = await ct.send(
      new CreateTrailCommand({
        Name: name,
        S3BucketName: logs,
        IsMultiRegionTrail: hardened,
        EnableLogFileValidation: hardened,
        ...(kmsKeyId !== undefined ? { KmsKeyId: kmsKeyId } : {}),
      }),
    );
    // AWS gives a new trail this selector; moto gives none, so say it.
    await ct.send(
      new PutEventSelectorsCommand({
        TrailName: name,
        EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      }),
    );
    await ct.send(new StartLoggingCommand({ Name: name }));
    const status = hardened ? 'PASS' : 'FAIL';
    this.expect(['cloudtrail_multi_region_enabled'], status, GLOBAL);
    this.expect(
      [
        'cloudtrail_log_file_validation_enabled',
        'cloudtrail_kms_encryption_enabled',
        'cloudtrail_bucket_access_logging_enabled',
      ],
      status,
      region,
      trail.TrailARN ?? '',
    );
  }

  private async regional(region: string, logs: string | undefined): Promise<void> {
    const p = this.posture;
    const ec2 = this.client(EC2Client, region);
    if (p.ebsEncryptionByDefault) await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    this.expect(
      ['ec2_ebs_default_encryption_enabled'],
      p.ebsEncryptionByDefault ? 'PASS' : 'FAIL',
      region,
    );
    const vpcId = await this.defaultVpc(region);
    if (p.flowLogs && logs !== undefined) {
      // moto takes the whole ARN tail as the bucket name: no key prefix.
      const out = await ec2.send(
        new CreateFlowLogsCommand({
          ResourceIds: [vpcId],
          ResourceType: 'VPC',
          TrafficType: 'ALL',
          LogDestinationType: 's3',
          LogDestination: `arn:aws:s3:::${logs}`,
        }),
      );
      const failed = out.Unsuccessful?.[0]?.Error?.Message;
      if (failed !== undefined) throw new Error(`CreateFlowLogs in ${region}: ${failed}`);
    }
    this.expect(
      ['vpc_flow_logs_enabled'],
      p.flowLogs ? 'PASS' : 'FAIL',
      region,
      `arn:aws:ec2:${region}:${this.account}:vpc/${vpcId}`,
    );
    if (p.securityHub) {
      await this.client(SecurityHubClient, region).send(
        new EnableSecurityHubCommand({ EnableDefaultStandards: true }),
      );
    }
    this.expect(['securityhub_enabled'], p.securityHub ? 'PASS' : 'FAIL', region);
    if (p.configRecorder && logs !== undefined) await this.configRecorder(region, logs);
    this.expect(
      ['config_recorder_all_regions_enabled'],
      p.configRecorder ? 'PASS' : 'FAIL',
      region,
    );
    await this.inspector(region);
  }

  private async configRecorder(region: string, logs: string): Promise<void> {
    const config = this.client(ConfigServiceClient, region);
    await config.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: `arn:aws:iam::${this.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          recordingGroup: {
            allSupported: true,
            includeGlobalResourceTypes: region === this.home,
          },
        },
      }),
    );
    await config.send(
      new PutDeliveryChannelCommand({
        DeliveryChannel: { name: 'default', s3BucketName: logs, s3KeyPrefix: 'config' },
      }),
    );
    await config.send(
      new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }),
    );
  }

  private async inspector(region: string): Promise<void> {
    const p = this.posture;
    if (p.inspector) {
      await this.client(Inspector2Client, region).send(
        new EnableCommand({ accountIds: [this.account], resourceTypes: ['EC2', 'ECR'] }),
      );
    }
    this.expect(['inspector2_scanning_enabled'], p.inspector ? 'PASS' : 'FAIL', region);
    const here = (p.findings ?? []).filter((f) => f.region === region);
    if (here.length === 0) return;
    if (!p.inspector) throw new Error(`${this.target.accountName}: findings without Inspector2`);
    const findings = here.map((f) =>
      demoInspectorFinding(this.account, this.target.accountName, region, f.cve, f.host),
    );
    await seedInspectorFindings(this.target.endpoint, this.account, region, findings);
    here.forEach((f, i) => {
      this.inspectorFindings.push({
        findingArn: String(findings[i]?.['findingArn']),
        region,
        cveId: DEMO_CVES[f.cve].id,
        severity: DEMO_CVES[f.cve].severity,
      });
    });
  }

  private async resources(): Promise<void> {
    const p = this.posture;
    const region = this.resourceRegion;
    for (const b of p.buckets ?? []) {
      const name = this.bucketName(b.name);
      if (!b.public) {
        await this.lockedBucket(name, region, []);
        continue;
      }
      const s3 = this.client(S3Client, region);
      await s3.send(new CreateBucketCommand(bucketInput(name, region)));
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: name,
          Policy: publicPolicy(`arn:aws:s3:::${name}/*`, 's3:GetObject'),
        }),
      );
      this.expect(BUCKET_CHECKS, 'FAIL', GLOBAL, `arn:aws:s3:::${name}`);
    }
    for (const k of p.kmsKeys ?? []) await this.kmsKey(k.alias, k.rotation, region);
    for (const o of p.openPorts ?? []) await this.openPort(o);
    if (p.imdsV1Instance !== undefined) await this.imdsV1Instance(p.imdsV1Instance, region);
    if (p.publicDatabase !== undefined) {
      const db = await this.client(RDSClient, region).send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: p.publicDatabase,
          DBInstanceClass: 'db.t3.medium',
          Engine: 'postgres',
          AllocatedStorage: 100,
          MasterUsername: 'app_admin',
          MasterUserPassword: 'demo-database-password-1',
          StorageEncrypted: false,
          PubliclyAccessible: true,
          AutoMinorVersionUpgrade: false,
          MultiAZ: false,
        }),
      );
      this.expect(
        [
          'rds_instance_storage_encrypted',
          'rds_instance_minor_version_upgrade_enabled',
          'rds_instance_not_publicly_accessible',
          'rds_instance_multi_az_enabled',
        ],
        'FAIL',
        region,
        db.DBInstance?.DBInstanceArn ?? '',
      );
    }
    if (p.unencryptedFileSystem !== undefined) {
      const fs = await this.client(EFSClient, region).send(
        new CreateFileSystemCommand({
          CreationToken: p.unencryptedFileSystem,
          Encrypted: false,
          Tags: [{ Key: 'Name', Value: p.unencryptedFileSystem }],
        }),
      );
      this.expect(['efs_file_system_encrypted'], 'FAIL', region, fs.FileSystemArn ?? '');
    }
    if (p.publicQueue !== undefined) {
      const sqs = this.client(SQSClient, region);
      const queue = await sqs.send(new CreateQueueCommand({ QueueName: p.publicQueue }));
      const queueArn = `arn:aws:sqs:${region}:${this.account}:${p.publicQueue}`;
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: queue.QueueUrl,
          Attributes: { Policy: publicPolicy(queueArn, 'sqs:SendMessage') },
        }),
      );
      this.expect(['sqs_queue_policy_no_public_principal'], 'FAIL', region, queueArn);
    }
    if (p.publicTopic !== undefined) {
      const sns = this.client(SNSClient, region);
      const topic = await sns.send(new CreateTopicCommand({ Name: p.publicTopic }));
      const topicArn = topic.TopicArn ?? '';
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn: topicArn,
          AttributeName: 'Policy',
          AttributeValue: publicPolicy(topicArn, 'sns:Publish'),
        }),
      );
      this.expect(['sns_topic_policy_no_public_principal'], 'FAIL', region, topicArn);
    }
  }

  private async defaultVpc(region: string): Promise<string> {
    const vpcs = await this.client(EC2Client, region).send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    return vpcs.Vpcs?.[0]?.VpcId ?? '';
  }

  private async openPort(o: DemoOpenPort): Promise<void> {
    const ec2 = this.client(EC2Client, o.region);
    const v6 = o.source === '::/0';
    const groupId = await openSecurityGroup(ec2, await this.defaultVpc(o.region), o.name, {
      port: o.port,
      ...(v6 ? { v6: o.source } : { v4: o.source }),
    });
    this.expect(
      [openPortCheck(o)],
      'FAIL',
      o.region,
      `arn:aws:ec2:${o.region}:${this.account}:security-group/${groupId}`,
    );
  }

  private async imdsV1Instance(name: string, region: string): Promise<void> {
    const ec2 = this.client(EC2Client, region);
    const out = await ec2.send(
      new RunInstancesCommand({
        ImageId: AMAZON_LINUX_2,
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.medium',
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
      }),
    );
    const id = out.Instances?.[0]?.InstanceId ?? '';
    this.expect(
      ['ec2_instance_imdsv2_required', 'ec2_instance_profile_attached'],
      'FAIL',
      region,
      `arn:aws:ec2:${region}:${this.account}:instance/${id}`,
    );
  }
}

/** UpdateAccountPasswordPolicy's input: strong is 14 characters and 24 remembered, weak 8 and 5. */
export function passwordPolicyInput(
  strength: 'strong' | 'weak',
): UpdateAccountPasswordPolicyCommandInput {
  const strong = strength === 'strong';
  return {
    MinimumPasswordLength: strong ? 14 : 8,
    PasswordReusePrevention: strong ? 24 : 5,
    RequireSymbols: strong,
    RequireNumbers: strong,
    RequireUppercaseCharacters: strong,
    RequireLowercaseCharacters: true,
  };
}

/** The one check an open port fails (the others about security groups pass it). */
export function openPortCheck(o: Pick<DemoOpenPort, 'port' | 'source'>): string {
  if (!ADMIN_PORTS.has(o.port)) return 'ec2_security_group_cifs_restricted';
  return o.source === '::/0'
    ? 'ec2_security_group_admin_ports_ipv6_restricted'
    : 'ec2_security_group_admin_ports_ipv4_restricted';
}

function bucketInput(name: string, region: string): CreateBucketCommandInput {
  // us-east-1 takes no location constraint (AWS refuses one).
  return region === 'us-east-1'
    ? { Bucket: name }
    : {
        Bucket: name,
        CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
      };
}

/** Seeds `posture` into the account and returns the results and findings it implies. */
export async function seedAccountPosture(
  target: PostureTarget,
  posture: DemoPosture,
): Promise<SeededPosture> {
  const seeder = new PostureSeeder(target, posture);
  try {
    await seeder.seed();
  } finally {
    seeder.close();
  }
  return { expectations: seeder.expectations, inspectorFindings: seeder.inspectorFindings };
}
