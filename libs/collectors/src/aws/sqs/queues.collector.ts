// sqs.queues: every SQS queue of the region with its access policy (the `Policy` attribute;
// none = null). The ARN is built from the queue URL, so an unreadable queue still has one.
import { GetQueueAttributesCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import { type SqsQueue } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → account and name. */
function queueOf(ctx: CollectorContext, url: string): Omit<SqsQueue, 'policy'> {
  const [account = ctx.accountId, name = url] = new URL(url).pathname.split('/').filter(Boolean);
  return { name, url, arn: `arn:${ctx.partition}:sqs:${ctx.region}:${account}:${name}` };
}

export const sqsQueuesCollector = defineCollector({
  key: 'sqs.queues',
  scope: 'regional',
  operations: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
  async collect(ctx) {
    const client = ctx.client(SQSClient, 'sqs');
    const urls: string[] = [];
    // ListQueues pages only when MaxResults is given (else it stops at 1,000 queues).
    for await (const page of paginateListQueues({ client, pageSize: 1000 }, {})) {
      urls.push(...(page.QueueUrls ?? []));
    }
    return ctx.mapBounded(urls, async (url): Promise<SqsQueue> => {
      const policy = await ctx.attempt(async () => {
        const out = await client.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }),
        );
        return out.Attributes?.Policy ?? null;
      });
      return { ...queueOf(ctx, url), policy };
    });
  },
});
