import { type KafkaConfig, type Transport } from '@palisade/config';
import { ALL_TOPICS, Topics } from '@palisade/contracts';
import { MessagingConfigError } from './core/errors';
import { type KafkaConnectionOptions, type MessagingModuleOptions } from './core/messaging-options';

/** The part of an app's parsed config that messaging reads. */
export interface MessagingConfigSource {
  readonly service: { readonly name: string };
  readonly transport: Transport;
  readonly kafka: KafkaConfig;
}

function saslOf(kafka: KafkaConfig): KafkaConnectionOptions['sasl'] {
  const { mechanism, username, password } = kafka.sasl;
  switch (mechanism) {
    case 'none':
      return undefined;
    case 'scram-sha-256':
    case 'scram-sha-512':
      if (username === undefined || password === undefined) {
        throw new MessagingConfigError(
          `KAFKA_SASL_MECHANISM ${mechanism} needs a username and password`,
        );
      }
      return { mechanism, username, password };
    case 'aws':
      throw new MessagingConfigError(
        'KAFKA_SASL_MECHANISM aws (MSK IAM) is not supported by this build; use scram-sha-512 or TLS',
      );
  }
}

function partitionsOf(topicName: string, kafka: KafkaConfig): number {
  const { partitions } = kafka.topics;
  switch (topicName) {
    case Topics.scanJobs.name:
      return partitions.jobs;
    case Topics.findingsRaw.name:
      return partitions.findingsRaw;
    case Topics.scanJobEvents.name:
      return partitions.jobEvents;
    default:
      return partitions.default;
  }
}

/** Maps an app's parsed config to MessagingModule options. */
export function messagingOptionsFromConfig(config: MessagingConfigSource): MessagingModuleOptions {
  const { kafka } = config;
  return {
    transport: config.transport,
    clientId: kafka.clientId,
    topicPrefix: kafka.topicPrefix,
    groupPrefix: kafka.groupPrefix,
    kafka: {
      brokers: kafka.brokers,
      ssl: kafka.ssl,
      sasl: saslOf(kafka),
      sessionTimeoutMs: kafka.consumer.sessionTimeoutMs,
      heartbeatIntervalMs: kafka.consumer.heartbeatIntervalMs,
    },
    provisioning: {
      enabled: kafka.topics.provision,
      replicationFactor: kafka.topics.replicationFactor,
      partitions: Object.fromEntries(
        ALL_TOPICS.map((topic) => [topic.name, partitionsOf(topic.name, kafka)]),
      ),
    },
  };
}
