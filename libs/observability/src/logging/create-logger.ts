import { hostname } from 'node:os';
import pino from 'pino';
import { LOG_CENSOR, LOG_REDACT_PATHS } from './log-redaction';
import { stdoutDestination } from './stdout-destination';

export interface CreateLoggerOptions {
  readonly service: string;
  readonly level: pino.LevelWithSilent;
  readonly destination?: pino.DestinationStream;
}

/** A JSON pino logger: level as a word, ISO time, the service name on every line, redaction. */
export function createLogger(options: CreateLoggerOptions): pino.Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_CENSOR },
    },
    options.destination ?? stdoutDestination(),
  );
}
