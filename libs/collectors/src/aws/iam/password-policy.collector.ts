// iam.passwordPolicy: the account password policy, null when none is set (NoSuchEntity).
import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { type IamPasswordPolicy } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { hasAwsCode } from '../../framework/aws-error';
import { NO_SUCH_ENTITY } from './iam-shared';

export const iamPasswordPolicyCollector = defineCollector({
  key: 'iam.passwordPolicy',
  scope: 'global',
  operations: ['iam:GetAccountPasswordPolicy'],
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'iam');
    try {
      const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      if (p === undefined) return null;
      const policy: IamPasswordPolicy = {};
      if (p.MinimumPasswordLength !== undefined) {
        policy.minimumPasswordLength = p.MinimumPasswordLength;
      }
      if (p.RequireSymbols !== undefined) policy.requireSymbols = p.RequireSymbols;
      if (p.RequireNumbers !== undefined) policy.requireNumbers = p.RequireNumbers;
      if (p.RequireUppercaseCharacters !== undefined) {
        policy.requireUppercaseCharacters = p.RequireUppercaseCharacters;
      }
      if (p.RequireLowercaseCharacters !== undefined) {
        policy.requireLowercaseCharacters = p.RequireLowercaseCharacters;
      }
      if (p.AllowUsersToChangePassword !== undefined) {
        policy.allowUsersToChangePassword = p.AllowUsersToChangePassword;
      }
      if (p.ExpirePasswords !== undefined) policy.expirePasswords = p.ExpirePasswords;
      if (p.MaxPasswordAge !== undefined) policy.maxPasswordAge = p.MaxPasswordAge;
      if (p.PasswordReusePrevention !== undefined) {
        policy.passwordReusePrevention = p.PasswordReusePrevention;
      }
      if (p.HardExpiry !== undefined) policy.hardExpiry = p.HardExpiry;
      return policy;
    } catch (err) {
      if (hasAwsCode(err, NO_SUCH_ENTITY)) return null;
      throw err;
    }
  },
});
