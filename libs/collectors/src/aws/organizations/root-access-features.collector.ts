// IAM's centralized root access features of the organization (iam:ListOrganizationsFeatures).
// IAM answers with an error, not an empty list, when the features cannot be on: its trusted
// access is off, or the organization lacks all features. Those answers are data.
import { IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { type RootAccessFeatures } from '@palisade/checks';
import { awsErrorName, hasAwsCode } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

export const UNAVAILABLE_CODES = [
  'ServiceAccessNotEnabledException',
  'OrganizationNotInAllFeaturesModeException',
] as const;

export const rootAccessFeaturesCollector = defineCollector({
  key: 'organizations.rootAccessFeatures',
  scope: 'global',
  operations: ['iam:ListOrganizationsFeatures'],
  async collect(ctx): Promise<RootAccessFeatures> {
    const client = ctx.client(IAMClient, 'iam');
    try {
      const out = await client.send(new ListOrganizationsFeaturesCommand({}));
      return { enabledFeatures: [...(out.EnabledFeatures ?? [])].sort() };
    } catch (err) {
      if (!hasAwsCode(err, UNAVAILABLE_CODES)) throw err;
      return { enabledFeatures: [], unavailableReason: awsErrorName(err) ?? 'unavailable' };
    }
  },
});
