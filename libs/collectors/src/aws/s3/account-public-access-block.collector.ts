// The account-level S3 Block Public Access (S3 Control), or null when the account has none.
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { hasAwsCode } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

export const accountPublicAccessBlockCollector = defineCollector({
  key: 's3.accountPublicAccessBlock',
  scope: 'global',
  // S3 Control's GetPublicAccessBlock, named as its IAM action (as the fault proxy logs it).
  operations: ['s3:GetAccountPublicAccessBlock'],
  async collect(ctx) {
    const s3control = ctx.client(S3ControlClient, 's3-control');
    try {
      const out = await s3control.send(
        new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }),
      );
      const c = out.PublicAccessBlockConfiguration ?? {};
      return {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      };
    } catch (err) {
      if (hasAwsCode(err, ['NoSuchPublicAccessBlockConfiguration'])) return null;
      throw err;
    }
  },
});
