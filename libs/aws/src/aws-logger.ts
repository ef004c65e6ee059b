// The only logging this library does: events with identifiers, never credentials.
import { Logger } from '@nestjs/common';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface AwsLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

/** Adapts Nest's logger (which apps back with pino) to {@link AwsLogger}. */
export class NestAwsLogger implements AwsLogger {
  private readonly logger = new Logger('aws');
  debug(message: string, fields?: LogFields): void {
    this.logger.debug({ msg: message, ...fields });
  }
  info(message: string, fields?: LogFields): void {
    this.logger.log({ msg: message, ...fields });
  }
  warn(message: string, fields?: LogFields): void {
    this.logger.warn({ msg: message, ...fields });
  }
}
