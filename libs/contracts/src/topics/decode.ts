import { z } from 'zod';
import { type MessageOf, type TopicDefinition } from './topic-definition';

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'INVALID_MESSAGE'; readonly reason: string };

/**
 * Decodes a message value (bytes, text or an already parsed object) against its topic's
 * schema. Failure is data: a reason naming every bad field, so the dead-letter entry says why.
 */
export function decodeMessage<T extends TopicDefinition>(
  topic: T,
  raw: Buffer | string | null | undefined | object,
): DecodeResult<MessageOf<T>> {
  let parsed: unknown = raw;
  if (raw === null || raw === undefined) {
    return {
      ok: false,
      code: 'INVALID_MESSAGE',
      reason: `${topic.name}: the message has no value`,
    };
  }
  if (Buffer.isBuffer(raw) || typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, code: 'INVALID_MESSAGE', reason: `${topic.name}: not JSON (${why})` };
    }
  }
  const result = topic.schema.safeParse(parsed);
  if (!result.success) {
    return {
      ok: false,
      code: 'INVALID_MESSAGE',
      reason: `${topic.name}: ${z.prettifyError(result.error).replace(/\n\s*/g, ' ')}`,
    };
  }
  return { ok: true, value: result.data as MessageOf<T> };
}

/** Encodes a message after validating it: a producer never sends what a consumer would reject. */
export function encodeMessage<T extends TopicDefinition>(
  topic: T,
  message: MessageOf<T>,
): { key: string; value: string } {
  const decoded = decodeMessage(topic, message as object);
  if (!decoded.ok) {
    throw new InvalidMessageError(decoded.reason);
  }
  return { key: topic.key(decoded.value), value: JSON.stringify(decoded.value) };
}

export class InvalidMessageError extends Error {
  readonly code = 'INVALID_MESSAGE';
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidMessageError';
  }
}
