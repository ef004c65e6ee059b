import { ConfigError, type KafkaConfig, type Transport } from '@palisade/config';
import { ALL_TOPICS, Topics } from '@palisade/contracts';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MessagingConfigError } from './core/errors';
import { type KafkaConnectionOptions, type MessagingModuleOptions } from './core/messaging-options';
import { mskIamTokenProvider } from './kafka/msk-iam-token';

/** The part of an app's parsed config that messaging reads. */
export interface MessagingConfigSource {
  readonly service: { readonly name: string };
  readonly transport: Transport;
  readonly kafka: KafkaConfig;
}

function saslOf(kafka: KafkaConfig): KafkaConnectionOptions['sasl'] {
  const { mechanism, username, password, awsRegion } = kafka.sasl;
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
      if (awsRegion === undefined) {
        throw new MessagingConfigError('KAFKA_SASL_MECHANISM aws needs KAFKA_AWS_REGION');
      }
      return { mechanism: 'oauthbearer', oauthBearerProvider: mskIamTokenProvider(awsRegion) };
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function caFileError(problem: string): ConfigError {
  return new ConfigError([{ variable: 'KAFKA_SSL_CA_FILE', problem }]);
}

function unreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The CA bundle, read once at boot. A file that cannot be used stops the service with a
 * ConfigError naming the variable and the path, as any other bad variable does.
 */
function readCaBundle(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw caFileError(`cannot read ${path}: ${unreadable(error)}`);
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    throw caFileError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  certificates.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      throw caFileError(
        `${path}: certificate ${index + 1} of ${certificates.length} is not a valid X.509 certificate`,
      );
    }
  });
  return certificates;
}

function sslOf(kafka: KafkaConfig): KafkaConnectionOptions['ssl'] {
  if (!kafka.ssl) {
    return false;
  }
  return kafka.sslCaFile === undefined ? true : { ca: readCaBundle(kafka.sslCaFile) };
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
      ssl: sslOf(kafka),
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
