import { defineCheck } from '../../../framework/check';
import { ResultBuilder, type Evidence, regionCoverage, where } from '../../../framework/results';
import { metadata } from './ec2_ebs_default_encryption_enabled.metadata';

export const ec2EbsDefaultEncryptionEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const setting = collected.regional('ec2.ebsEncryptionByDefault', ctx.region);
  if (!setting.ok) return [];
  const evidence: Evidence = { ...regionCoverage(ctx).evidence };
  const key = setting.data.defaultKmsKeyId;
  if (key !== undefined) {
    evidence.defaultKmsKeyId = key.ok ? key.data : `unreadable: ${key.code}`;
  }
  return [
    setting.data.enabled
      ? results.pass(results.scopeUid, `EBS encryption by default is on ${where(ctx)}`, evidence)
      : results.fail(results.scopeUid, `EBS encryption by default is off ${where(ctx)}`, evidence),
  ];
});
