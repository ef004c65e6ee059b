import { Kafka, type KafkaConfig, type RetryOptions } from 'kafkajs';
import { MessagingConfigError } from '../core/errors';
import { type KafkaConnectionOptions } from '../core/messaging-options';
import { kafkaLogCreator, kafkaLogLevel } from './kafka-logger';

/** A kafkajs client from the plain options, logging through the adapter. */
export function createKafkaClient(
  clientId: string,
  options: KafkaConnectionOptions | undefined,
  retry: RetryOptions = { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
): Kafka {
  if (!options || options.brokers.length === 0) {
    throw new MessagingConfigError('the kafka transport needs kafka.brokers');
  }
  const config: KafkaConfig = {
    clientId,
    brokers: [...options.brokers],
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    logLevel: kafkaLogLevel(options.logLevel),
    logCreator: kafkaLogCreator(),
    retry,
  };
  if (options.ssl !== undefined) {
    config.ssl = typeof options.ssl === 'boolean' ? options.ssl : { ca: [...options.ssl.ca] };
  }
  if (options.sasl) {
    config.sasl = { ...options.sasl };
  }
  return new Kafka(config);
}
