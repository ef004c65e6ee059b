export {
  MessagingModule,
  type MessagingModuleAsyncOptions,
  createTransport,
} from './messaging.module';
export { Publisher, MessageTransport } from './core/publisher';
export {
  MessageHandler,
  MESSAGE_HANDLER_METADATA,
  type MessageHandlerMetadata,
} from './core/message-handler.decorator';
export type { HandlerRegistration } from './core/handler-registration';
export {
  TransientError,
  PublishError,
  BrokerUnavailableError,
  MessagingConfigError,
  HANDLER_FAILED,
  isTransient,
  errorCodeOf,
} from './core/errors';
export {
  type DeadLetterRecord,
  type DeadLetterSink,
  type DeadLetterStore,
  InMemoryDeadLetterStore,
  DLQ_HEADERS,
  deadLetterHeaders,
} from './core/dead-letter';
export * from './core/types';
export * from './core/messaging-options';
export { TopicNames } from './core/topic-names';
export { KafkaTransport } from './kafka/kafka-transport';
export type { ConsumerStats } from './kafka/kafka-consumer-runner';
export { InProcessTransport } from './in-process/in-process-transport';
export { PostgresDeadLetterStore } from './in-process/postgres-dead-letter-store';
export { enqueueOutbox, type EnqueueOutboxOptions } from './outbox/enqueue-outbox';
export {
  OutboxRelay,
  type OutboxRelayOptions,
  outboxRelayProvider,
  OUTBOX_ID_HEADER,
} from './outbox/outbox-relay';
export { messagingOptionsFromConfig, type MessagingConfigSource } from './messaging-config';
