import { Module } from '@nestjs/common';
import { WebhookEventsConsumer } from './webhook-events.consumer';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks: CRUD and the delivery log (`/v1/webhooks`), the consumer that queues deliveries from
 * `findings.changed` and `scan.lifecycle`, and the sender that signs and sends them.
 */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookEventsConsumer, WebhookSender],
})
export class WebhooksModule {}
