// Whether Inspector2 scans the account in a region (read by the coverage check).
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { defineCollector } from '../../framework/collector';
import { inspectorAccountStatus } from '../../inspector2/account-status';

export const inspector2StatusCollector = defineCollector({
  key: 'inspector2.status',
  scope: 'regional',
  operations: ['inspector2:BatchGetAccountStatus'],
  collect: async (ctx) => {
    const client = ctx.client(Inspector2Client, 'inspector2');
    const [status] = await inspectorAccountStatus(client, [ctx.accountId]);
    if (status === undefined)
      throw new Error(`Inspector2 said nothing of account ${ctx.accountId}`);
    return {
      status: status.status,
      ...(status.evidence.state !== undefined ? { state: status.evidence.state } : {}),
      resourceState: { ...status.evidence.resourceState },
    };
  },
});
