// The Security Hub hub of a region. AWS answers DescribeHub in a region where the account is
// not subscribed with InvalidAccessException "Account <id> is not subscribed to AWS Security
// Hub": that is the state "not enabled", not an error. InvalidAccessException for any other
// reason (e.g. a member account's permissions) stays an error.
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { type SecurityHubHub } from '@palisade/checks';
import { hasAwsCode } from '../../framework/aws-error';
import { defineCollector } from '../../framework/collector';

function isNotSubscribed(err: unknown): boolean {
  return (
    hasAwsCode(err, ['InvalidAccessException']) &&
    err instanceof Error &&
    /not subscribed/i.test(err.message)
  );
}

export const hubCollector = defineCollector({
  key: 'securityhub.hub',
  scope: 'regional',
  operations: ['securityhub:DescribeHub'],
  async collect(ctx): Promise<SecurityHubHub | null> {
    const client = ctx.client(SecurityHubClient, 'securityhub');
    try {
      const out = await client.send(new DescribeHubCommand({}));
      if (out.HubArn === undefined) return null;
      const hub: SecurityHubHub = { hubArn: out.HubArn };
      if (out.SubscribedAt !== undefined) hub.subscribedAt = out.SubscribedAt;
      if (out.AutoEnableControls !== undefined) hub.autoEnableControls = out.AutoEnableControls;
      return hub;
    } catch (err) {
      if (isNotSubscribed(err)) return null;
      throw err;
    }
  },
});
