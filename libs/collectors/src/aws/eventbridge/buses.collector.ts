// eventbridge.buses: every EventBridge event bus of the region (the default bus included) with
// its resource policy, which ListEventBuses returns itself. The SDK has no paginator for it.
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { type EventBus } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const eventbridgeBusesCollector = defineCollector({
  key: 'eventbridge.buses',
  scope: 'regional',
  operations: ['events:ListEventBuses'],
  async collect(ctx) {
    const client = ctx.client(EventBridgeClient, 'eventbridge');
    const buses: EventBus[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const out = await client.send(
        new ListEventBusesCommand({
          Limit: 100,
          ...(token !== undefined ? { NextToken: token } : {}),
        }),
      );
      for (const b of out.EventBuses ?? []) {
        if (b.Name === undefined) continue;
        const arn =
          b.Arn ?? `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/${b.Name}`;
        buses.push({ name: b.Name, arn, policy: b.Policy ?? null });
      }
      token = out.NextToken;
      if (token === undefined) break;
      // A token seen before would page forever; an incomplete list must not pass as complete.
      if (seen.has(token)) throw new Error(`ListEventBuses repeated the NextToken ${token}`);
      seen.add(token);
    } while (token !== undefined);
    return buses;
  },
});
