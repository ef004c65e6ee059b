import { Injectable } from '@nestjs/common';
import { type ScanRequested, Topics } from '@palisade/contracts';
import { MessageHandler } from '@palisade/messaging';
import { FanOutService } from './fan-out.service';

/** Kafka (or in-process) adapter: each `scan.requested` is fanned out into jobs. */
@Injectable()
export class ScanRequestedConsumer {
  constructor(private readonly fanOut: FanOutService) {}

  @MessageHandler(Topics.scanRequested, { concurrency: 2 })
  async onScanRequested(request: ScanRequested): Promise<void> {
    await this.fanOut.fanOut(request);
  }
}
