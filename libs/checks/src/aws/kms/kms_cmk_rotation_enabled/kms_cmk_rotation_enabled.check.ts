import { type CheckResult } from '@palisade/contracts';
import { type KmsKey } from '../../../collected/kms';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './kms_cmk_rotation_enabled.metadata';

/** The keys the rule is about: enabled customer-managed symmetric encryption keys. */
function inScope(k: KmsKey): boolean {
  return (
    k.keyManager === 'CUSTOMER' &&
    k.keySpec === 'SYMMETRIC_DEFAULT' &&
    k.keyUsage === 'ENCRYPT_DECRYPT' &&
    k.keyState === 'Enabled'
  );
}

export const kmsCmkRotationEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const keys = collected.regional('kms.keys', ctx.region);
  if (!keys.ok) return [];
  const here = where(ctx);
  const required = ctx.settings['kms.rotationRequired'];
  return keys.data.flatMap((k): CheckResult[] => {
    const name = `KMS key ${k.keyId} ${here}`;
    if (k.describeError !== undefined) {
      // Whether the key is customer-managed and symmetric is unknown: ERROR, never skipped.
      return [results.errorOf(k.arn, { ok: false, ...k.describeError }, `the metadata of ${name}`)];
    }
    if (!inScope(k)) return [];
    if (k.origin !== 'AWS_KMS') {
      return [
        results.manual(
          k.arn,
          `${name} (origin ${k.origin}) cannot rotate automatically: confirm its key material is rotated by hand`,
          { origin: k.origin },
        ),
      ];
    }
    if (k.rotationEnabled === null) {
      return [results.error(k.arn, 'NOT_COLLECTED', `the rotation status of ${name} was not read`)];
    }
    if (!k.rotationEnabled.ok) {
      return [results.errorOf(k.arn, k.rotationEnabled, `the rotation status of ${name}`)];
    }
    if (k.rotationEnabled.data) {
      return [results.pass(k.arn, `${name} has automatic rotation enabled`)];
    }
    return required
      ? [results.fail(k.arn, `${name} does not rotate automatically`, { rotationRequired: true })]
      : [
          results.pass(
            k.arn,
            `${name} does not rotate automatically, which this tenant allows (kms.rotationRequired is false)`,
            { rotationRequired: false },
          ),
        ];
  });
});
