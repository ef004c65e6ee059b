// A light, fixed set of resources per emulated account, for the benchmarks that scan many
// accounts (scanner-fleet, pipeline): seeding stays in seconds per hundred accounts.
import {
  CreateTrailCommand,
  CloudTrailClient,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { type SdkClientConstructor, type SdkClientLike } from '@palisade/aws';
import { collectorHarness, scanJobFor, scannerHarness } from '@palisade/testing';

const HOME = 'us-east-1';

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  });
  await Promise.all(lanes);
}

/**
 * One account (moto accepts AssumeRole into any account id): 2 S3 buckets (one whose policy
 * admits everyone), 2 IAM users with access keys, a multi-region CloudTrail trail, and per
 * region a security group open on 22 and a KMS key.
 */
export async function seedLightAccount(
  motoUrl: string,
  accountId: string,
  regions: readonly string[],
): Promise<void> {
  const h = await collectorHarness({ endpointUrl: motoUrl, accountId, homeRegion: HOME });
  const client = <T extends SdkClientLike>(
    Class: SdkClientConstructor<T>,
    service: string,
    region: string = HOME,
  ): T => h.clients.createClient(Class, { region, service, session: h.session });
  try {
    const s3 = client(S3Client, 's3');
    const [privateBucket, publicBucket] = [`bench-${accountId}-logs`, `bench-${accountId}-www`];
    await s3.send(new CreateBucketCommand({ Bucket: privateBucket }));
    await s3.send(
      new CreateBucketCommand({
        Bucket: publicBucket,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: publicBucket,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${publicBucket}/*`,
            },
          ],
        }),
      }),
    );
    const iam = client(IAMClient, 'iam');
    for (const user of ['alice', 'bob']) {
      await iam.send(new CreateUserCommand({ UserName: user }));
      await iam.send(new CreateAccessKeyCommand({ UserName: user }));
    }
    const trail = client(CloudTrailClient, 'cloudtrail');
    await trail.send(
      new CreateTrailCommand({
        Name: 'main',
        S3BucketName: privateBucket,
        IsMultiRegionTrail: true,
      }),
    );
    await trail.send(new StartLoggingCommand({ Name: 'main' }));
    await Promise.all(
      regions.map(async (region) => {
        const ec2 = client(EC2Client, 'ec2', region);
        const sg = await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: 'ssh', Description: 'ssh from anywhere' }),
        );
        await ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: sg.GroupId,
            IpPermissions: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            ],
          }),
        );
        await client(KMSClient, 'kms', region).send(new CreateKeyCommand({ Description: 'bench' }));
      }),
    );
  } finally {
    h.close();
  }
}

/**
 * moto imports a service's backend on its first call (seconds of CPU for some): one scan in this
 * process of `accountId` (an account no round scans) pays that before the rounds, so they
 * compare fairly. A moto-api reset afterwards keeps the backends imported.
 */
export async function warmUpMoto(
  motoUrl: string,
  accountId: string,
  regions: readonly string[],
): Promise<void> {
  const harness = scannerHarness({ endpointUrl: motoUrl });
  try {
    await harness.run(scanJobFor(accountId, { regions: [...regions] }));
  } finally {
    harness.close();
  }
}
