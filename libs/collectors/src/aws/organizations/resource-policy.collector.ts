// The organization's resource-based delegation policy (DescribeResourcePolicy): what lets a
// member account manage Organizations policies. `ResourcePolicyNotFoundException` means none.
import { DescribeResourcePolicyCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { type OrganizationResourcePolicy } from '@palisade/checks';
import { hasAwsCode } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

export const resourcePolicyCollector = defineCollector({
  key: 'organizations.resourcePolicy',
  scope: 'global',
  operations: ['organizations:DescribeResourcePolicy'],
  async collect(ctx): Promise<OrganizationResourcePolicy | null> {
    const client = ctx.client(OrganizationsClient, 'organizations');
    try {
      const out = await client.send(new DescribeResourcePolicyCommand({}));
      const policy = out.ResourcePolicy;
      if (policy?.Content === undefined) return null;
      return {
        id: policy.ResourcePolicySummary?.Id ?? '',
        arn: policy.ResourcePolicySummary?.Arn ?? '',
        content: policy.Content,
      };
    } catch (err) {
      if (hasAwsCode(err, ['ResourcePolicyNotFoundException'])) return null;
      throw err;
    }
  },
});
