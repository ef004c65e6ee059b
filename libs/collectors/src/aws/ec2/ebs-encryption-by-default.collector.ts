// ec2.ebsEncryptionByDefault: whether new EBS volumes of the region are encrypted by default,
// and (when they are) with which KMS key.
import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { type EbsEncryptionByDefault } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

/** The key AWS uses when none is chosen. */
const AWS_MANAGED_EBS_KEY = 'alias/aws/ebs';

export const ec2EbsEncryptionByDefaultCollector = defineCollector({
  key: 'ec2.ebsEncryptionByDefault',
  scope: 'regional',
  operations: ['ec2:GetEbsEncryptionByDefault', 'ec2:GetEbsDefaultKmsKeyId'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const answer = await client.send(new GetEbsEncryptionByDefaultCommand({}));
    const result: EbsEncryptionByDefault = { enabled: answer.EbsEncryptionByDefault === true };
    if (result.enabled) {
      result.defaultKmsKeyId = await ctx.attempt(async () => {
        const key = await client.send(new GetEbsDefaultKmsKeyIdCommand({}));
        return key.KmsKeyId ?? AWS_MANAGED_EBS_KEY;
      });
    }
    return result;
  },
});
