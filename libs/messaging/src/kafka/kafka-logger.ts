import { Logger } from '@nestjs/common';
import { type LogEntry, logLevel, type logCreator } from 'kafkajs';

/** Known kafkajs lines that are expected with our settings and are not worth a warning. */
const EXPECTED = [
  // We bound the idempotent producer's retries on purpose: publish must reject, not hang.
  'Limiting retries for the idempotent producer',
];

/** Keys of kafkajs' structured log context that may be large or carry payloads. */
const DROPPED_KEYS = new Set(['timestamp', 'logger', 'message', 'stack']);

/**
 * kafkajs logs through Nest's Logger (pino in the apps), never straight to the console. kafkajs
 * INFO lines (starting, joined, stopped) are lifecycle chatter: they go out at debug.
 */
export function kafkaLogCreator(context = 'Kafka'): logCreator {
  return () => (entry: LogEntry) => {
    const logger = new Logger(`${context}:${entry.namespace || 'kafkajs'}`);
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry.log)) {
      if (!DROPPED_KEYS.has(key)) {
        fields[key] = value instanceof Error ? value.message : value;
      }
    }
    const line = { msg: entry.log.message, ...fields };
    // kafkajs logs every error response of the protocol at ERROR before its caller retries it
    // (NOT_LEADER right after a topic is created, COORDINATOR_LOAD_IN_PROGRESS on a fresh
    // broker…). What exhausts its retries surfaces to our code as an error and is logged there.
    const retriedResponse =
      entry.namespace === 'Connection' && entry.log.message.startsWith('Response ');
    if (retriedResponse || EXPECTED.some((text) => entry.log.message.startsWith(text))) {
      logger.debug(line);
      return;
    }
    // A send that kafkajs retries is a warning; when retries run out, publish rejects.
    const retriedSend =
      entry.log.message.startsWith('Failed to send messages') && 'retryCount' in entry.log;
    switch (retriedSend ? logLevel.WARN : entry.level) {
      case logLevel.ERROR:
        logger.error(line);
        break;
      case logLevel.WARN:
        logger.warn(line);
        break;
      case logLevel.INFO:
        logger.debug(line);
        break;
      default:
        logger.verbose(line);
    }
  };
}

export function kafkaLogLevel(
  level: 'nothing' | 'error' | 'warn' | 'info' | 'debug' = 'info',
): logLevel {
  switch (level) {
    case 'nothing':
      return logLevel.NOTHING;
    case 'error':
      return logLevel.ERROR;
    case 'warn':
      return logLevel.WARN;
    case 'info':
      return logLevel.INFO;
    case 'debug':
      return logLevel.DEBUG;
  }
}
