// `scan.control` is broadcast: every worker consumes it in its own group and remembers the
// cancelled scans, so whichever worker runs one of their jobs stops it.
import { Injectable, Logger } from '@nestjs/common';
import { type ScanControl, Topics } from '@palisade/contracts';
import { MessageHandler } from '@palisade/messaging';
import { Cancellations } from './cancellations';

@Injectable()
export class ScanControlConsumer {
  private readonly logger = new Logger('Scanner');

  constructor(private readonly cancellations: Cancellations) {}

  @MessageHandler(Topics.scanControl)
  handle(message: ScanControl): Promise<void> {
    this.logger.log({ msg: 'scan cancelled', scanId: message.scanId, tenantId: message.tenantId });
    this.cancellations.cancel(message.scanId);
    return Promise.resolve();
  }
}
