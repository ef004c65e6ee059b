// SNS topics of a region with their access policy and confirmed-subscription count (one
// GetTopicAttributes per topic; an unreadable topic keeps its error as data).
import { GetTopicAttributesCommand, SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import { type Outcome, type SnsTopic, failed, ok } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function subscriptionsConfirmed(attributes: Outcome<Record<string, string>>): Outcome<number> {
  if (!attributes.ok) return attributes;
  const count = Number(attributes.data.SubscriptionsConfirmed ?? '0');
  return Number.isInteger(count) && count >= 0
    ? ok(count)
    : failed(
        'AWS_ERROR',
        `SubscriptionsConfirmed is not a count: ${attributes.data.SubscriptionsConfirmed}`,
      );
}

export const topicsCollector = defineCollector({
  key: 'sns.topics',
  scope: 'regional',
  operations: ['sns:ListTopics', 'sns:GetTopicAttributes'],
  async collect(ctx) {
    const client = ctx.client(SNSClient, 'sns');
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client }, {})) {
      for (const t of page.Topics ?? []) if (t.TopicArn !== undefined) arns.push(t.TopicArn);
    }
    return ctx.mapBounded(arns, async (arn): Promise<SnsTopic> => {
      const attributes = await ctx.attempt(async () => {
        const out = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }));
        return out.Attributes ?? {};
      });
      return {
        arn,
        name: arn.slice(arn.lastIndexOf(':') + 1),
        policy: attributes.ok ? ok(attributes.data.Policy ?? null) : attributes,
        subscriptionsConfirmed: subscriptionsConfirmed(attributes),
      };
    });
  },
});
