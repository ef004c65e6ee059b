import { isTransientDatabaseError } from '@palisade/persistence';
/**
 * Errors of the messaging layer. Every error carries a stable `code`: a consumer decides
 * retry vs. dead-letter from it (conventions.md, "Errors").
 */

/**
 * Thrown by a handler (or anything it calls) when the failure is temporary — the database is
 * unavailable, AWS throttled us, the broker did not answer. The message is retried in place,
 * with capped exponential backoff, without limit, and nothing past it is committed.
 */
export class TransientError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
    this.code = code;
  }
}

/** Publishing failed at the broker (no ack). Transient: a handler that publishes is retried. */
export class PublishError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PUBLISH_FAILED', message, options);
    this.name = 'PublishError';
  }
}

/** The broker (or the in-process transport) cannot be reached / is closed. */
export class BrokerUnavailableError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BROKER_UNAVAILABLE', message, options);
    this.name = 'BrokerUnavailableError';
  }
}

/** A configuration or wiring mistake found at boot (two handlers for one topic and group…). */
export class MessagingConfigError extends Error {
  readonly code = 'MESSAGING_CONFIG_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'MessagingConfigError';
  }
}

export const HANDLER_FAILED = 'HANDLER_FAILED';

/**
 * Transient = retried in place: a TransientError, or the database being unreachable or
 * restarting (nothing is committed meanwhile, nothing lost). Anything else a handler throws is
 * permanent: dead-lettered.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof TransientError || isTransientDatabaseError(error);
}

/** The error's `code` when it has a usable one, else `fallback`. */
export function errorCodeOf(error: unknown, fallback = HANDLER_FAILED): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'string' && code.length > 0) {
      return code;
    }
  }
  return fallback;
}

const MAX_REASON_LENGTH = 1000;

/** A one-line reason for a dead-letter entry (never a stack trace, bounded in length). */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const oneLine = text.replace(/\s*\n\s*/g, ' ').trim();
  return oneLine.length > MAX_REASON_LENGTH
    ? `${oneLine.slice(0, MAX_REASON_LENGTH - 1)}…`
    : oneLine;
}
