import { type TopicDefinition } from '@palisade/contracts';
import { MessagingConfigError } from './errors';
import { type TopicNames } from './topic-names';
import { type BatchHandlerFn, type BatchOptions, type MessageHandlerFn } from './types';

/** A discovered handler, resolved against the module options: what a transport runs. */
export type HandlerRegistration = {
  readonly topic: TopicDefinition;
  /** The physical consumer group id (prefix and suffix applied). */
  readonly group: string;
  readonly concurrency: number;
  /** `Class.method`, for logs and errors. */
  readonly name: string;
} & (
  | { readonly kind: 'single'; readonly handle: MessageHandlerFn<TopicDefinition> }
  | {
      readonly kind: 'batch';
      readonly batch: BatchOptions;
      readonly handle: BatchHandlerFn<TopicDefinition>;
    }
);

/** Resolves the group id of a handler: explicit, else the topic's first consumer group. */
export function resolveGroup(
  topic: TopicDefinition,
  options: { group?: string; groupSuffix?: string },
  names: TopicNames,
  instanceId: string,
): string {
  const declared = topic.consumers[0];
  const base = options.group ?? declared?.group;
  if (base === undefined) {
    throw new MessagingConfigError(
      `${topic.name} declares no consumer group; pass { group } to @MessageHandler`,
    );
  }
  // A broadcast group is one group per instance: every instance hears every message.
  const broadcast = options.group === undefined && declared?.broadcast === true;
  const parts = [base, options.groupSuffix, broadcast ? instanceId : undefined].filter(
    (p): p is string => p !== undefined && p.length > 0,
  );
  return names.group(parts.join('-'));
}

/** One handler per (group, topic): two would split the messages between them. */
export function assertUniqueHandlers(registrations: readonly HandlerRegistration[]): void {
  const seen = new Map<string, string>();
  for (const r of registrations) {
    const id = `${r.group}|${r.topic.name}`;
    const other = seen.get(id);
    if (other !== undefined) {
      throw new MessagingConfigError(
        `${other} and ${r.name} both consume ${r.topic.name} in group ${r.group}; give one a groupSuffix`,
      );
    }
    seen.set(id, r.name);
  }
}
