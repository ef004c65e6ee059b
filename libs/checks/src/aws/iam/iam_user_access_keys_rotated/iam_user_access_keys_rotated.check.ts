import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { dateOf, daysBefore, moreThanDaysBefore } from '../iam-shared';
import { metadata } from './iam_user_access_keys_rotated.metadata';

export const iamUserAccessKeysRotated = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const report = collected.global('iam.credentialReport');
  if (!report.ok) return [];
  const maxAge = ctx.settings['iam.accessKeyMaxAgeDays'];
  return report.data.users.flatMap((user) => {
    const keys = user.accessKeys.filter((k) => k.active);
    if (keys.length === 0) return [];
    const dated = keys.flatMap((k) =>
      k.lastRotated === null ? [] : [{ slot: k.slot, lastRotated: k.lastRotated }],
    );
    const undated = keys.filter((k) => k.lastRotated === null);
    if (undated.length > 0) {
      return [
        results.error(
          user.arn,
          'CREDENTIAL_DATE_UNKNOWN',
          `The credential report gives no rotation date for active access key ${undated.map((k) => k.slot).join(' and ')} of IAM user ${user.user} in account ${ctx.accountId}`,
        ),
      ];
    }
    const evidence = {
      maxAgeDays: maxAge,
      activeKeys: dated.map((k) => ({ ...k, ageDays: daysBefore(k.lastRotated, ctx.now) })),
    };
    const stale = dated.filter((k) => moreThanDaysBefore(k.lastRotated, maxAge, ctx.now));
    return [
      stale.length > 0
        ? results.fail(
            user.arn,
            `IAM user ${user.user} of account ${ctx.accountId} has active access keys older than ${maxAge} days: ${stale.map((k) => `key ${k.slot} created ${dateOf(k.lastRotated)}`).join('; ')}`,
            evidence,
          )
        : results.pass(
            user.arn,
            `Every active access key of IAM user ${user.user} of account ${ctx.accountId} is at most ${maxAge} days old`,
            evidence,
          ),
    ];
  });
});
