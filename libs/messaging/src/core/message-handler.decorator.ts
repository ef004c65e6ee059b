import { type TopicDefinition } from '@palisade/contracts';
import {
  type BatchHandlerFn,
  type BatchOptions,
  type HandlerOptions,
  type MessageHandlerFn,
} from './types';

export const MESSAGE_HANDLER_METADATA = Symbol('palisade:message-handler');

export interface MessageHandlerMetadata {
  readonly topic: TopicDefinition;
  readonly options: HandlerOptions;
}

/** Generic over the method's own type, so a method may declare fewer parameters (no `meta`). */
type Decorator<Expected> = <F extends Expected>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<F>,
) => void;

/**
 * Declares a method of a Nest provider as the consumer of a topic. Both transports discover it
 * and call the same method: one message at a time, `(message, meta) => Promise<void>`, or — with
 * `batch` — arrays of validated messages, `(batch) => Promise<void>`.
 *
 * ```ts
 * @MessageHandler(Topics.scanJobs, { concurrency: 4 })
 * async run(job: ScanJob, meta: MessageMeta): Promise<void> { … }
 *
 * @MessageHandler(Topics.findingsRaw, { batch: { maxSize: 50, maxWaitMs: 200 } })
 * async ingest(batch: readonly Delivered<FindingsRaw>[]): Promise<void> { … }
 * ```
 */
export function MessageHandler<T extends TopicDefinition>(
  topic: T,
  options: HandlerOptions & { readonly batch: BatchOptions },
): Decorator<BatchHandlerFn<T>>;
export function MessageHandler<T extends TopicDefinition>(
  topic: T,
  options?: HandlerOptions & { readonly batch?: undefined },
): Decorator<MessageHandlerFn<T>>;
export function MessageHandler<T extends TopicDefinition>(
  topic: T,
  options: HandlerOptions = {},
): (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor) => void {
  return (_target, _propertyKey, descriptor) => {
    const method: unknown = descriptor.value;
    if (typeof method !== 'function') {
      throw new TypeError('@MessageHandler decorates methods only');
    }
    const metadata: MessageHandlerMetadata = { topic, options };
    Reflect.defineMetadata(MESSAGE_HANDLER_METADATA, metadata, method);
  };
}
