import { type z } from 'zod';

/** A topic of the architecture's topic table, in code: its name, schema, key and defaults. */
export interface TopicDefinition<S extends z.ZodType = z.ZodType> {
  /** Versioned name: a breaking change is a new `.vN` topic, never an edit of this one. */
  readonly name: string;
  /** Where messages that fail validation (or handling, permanently) go, with the error. */
  readonly dlq: string;
  readonly schema: S;
  /** The partition key: what must stay in order together (an account's results and events). */
  readonly key: (message: z.infer<S>) => string;
  /** Default partition count (configurable at provisioning). */
  readonly partitions: number;
  /** Who consumes it; `broadcast` groups get one group per instance. */
  readonly consumers: readonly { readonly group: string; readonly broadcast: boolean }[];
  readonly description: string;
}

export type MessageOf<T extends TopicDefinition> = z.infer<T['schema']>;

export const DLQ_SUFFIX = '.dlq';

export function defineTopic<S extends z.ZodType>(
  definition: Omit<TopicDefinition<S>, 'dlq'>,
): TopicDefinition<S> {
  return { ...definition, dlq: `${definition.name}${DLQ_SUFFIX}` };
}
