import { encodeMessage, type MessageOf, type TopicDefinition } from '@palisade/contracts';
import {
  enqueueOutbox as insertOutboxRows,
  parseTenantId,
  type TenantId,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { type MessageHeaders } from '../core/types';

export interface EnqueueOutboxOptions {
  /**
   * The transaction's tenant (RLS refuses any other). Default: the message's own `tenantId`
   * when it has one, else `null` (a system message, written with no tenant set).
   */
  readonly tenantId?: string | null;
  readonly headers?: MessageHeaders;
}

function tenantOf(message: unknown, explicit: string | null | undefined): TenantId | null {
  if (explicit !== undefined) {
    return explicit === null ? null : parseTenantId(explicit);
  }
  const fromMessage = (message as { tenantId?: unknown }).tenantId;
  return typeof fromMessage === 'string' ? parseTenantId(fromMessage) : null;
}

/**
 * Writes a message to the outbox in the caller's transaction: it is published (by the
 * OutboxRelay) if and only if that transaction commits. Validates now — an invalid message
 * throws InvalidMessageError and the caller's transaction rolls back.
 */
export async function enqueueOutbox<T extends TopicDefinition>(
  manager: EntityManager,
  topic: T,
  message: MessageOf<T>,
  options: EnqueueOutboxOptions = {},
): Promise<void> {
  const { key, value } = encodeMessage(topic, message);
  await insertOutboxRows(manager, tenantOf(message, options.tenantId), [
    {
      topic: topic.name,
      key,
      value: JSON.parse(value) as unknown,
      headers: { ...options.headers },
    },
  ]);
}
