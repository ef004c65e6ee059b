import { z } from 'zod';
import { configFragment, configRule } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { awsRegion, bool, brokerList, int, nonEmptyString, oneOf } from '../env-parsers';
import { secret } from '../secret';
import type { Transport } from './transport.fragment';

/** `aws` is MSK IAM, authenticated with the base identity from the default credential chain. */
export const KAFKA_SASL_MECHANISMS = ['none', 'scram-sha-256', 'scram-sha-512', 'aws'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const kafkaNamePrefix = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9._-]{0,100}$/, {
      error: 'must be up to 100 letters, digits, ".", "_" or "-"',
    })
    .default('');

const partitions = (name: string, fallback: number) =>
  env(name, int({ min: 1, max: 10_000 }).default(fallback));

function kafkaNode(defaults: { readonly clientId: string }) {
  return {
    /** Empty unless set; required when TRANSPORT is kafka (see kafkaBrokersRule). */
    brokers: env(
      'KAFKA_BROKERS',
      brokerList().default(() => []),
    ),
    clientId: env('KAFKA_CLIENT_ID', nonEmptyString().default(defaults.clientId)),
    /**
     * Prepended to every topic (and its .dlq) and every consumer group: environments (or test
     * runs) sharing one cluster stay apart. Letters, digits, `.`, `_`, `-`.
     */
    topicPrefix: env('KAFKA_TOPIC_PREFIX', kafkaNamePrefix()),
    groupPrefix: env('KAFKA_GROUP_PREFIX', kafkaNamePrefix()),
    ssl: env('KAFKA_SSL', bool().default(false)),
    /**
     * A PEM bundle of the CAs that sign the brokers' certificates (a private CA: Strimzi,
     * self-hosted), trusted instead of the system roots. Read once, at boot, by messaging.
     */
    sslCaFile: env('KAFKA_SSL_CA_FILE', nonEmptyString().optional()),
    sasl: {
      mechanism: env('KAFKA_SASL_MECHANISM', oneOf(KAFKA_SASL_MECHANISMS).default('none')),
      username: env('KAFKA_SASL_USERNAME', nonEmptyString().optional()),
      password: env('KAFKA_SASL_PASSWORD', secret(z.string()).optional()),
      /** MSK IAM: the cluster's region, which its authentication tokens are signed for. */
      awsRegion: env('KAFKA_AWS_REGION', awsRegion().optional()),
    },
    topics: {
      /** Create missing topics (and their .dlq) at startup; off where an operator owns topics. */
      provision: env('KAFKA_TOPIC_PROVISIONING', bool().default(true)),
      /** Unset: the broker's default.replication.factor. */
      replicationFactor: env('KAFKA_REPLICATION_FACTOR', int({ min: 1, max: 32_767 }).optional()),
      partitions: {
        jobs: partitions('KAFKA_PARTITIONS_JOBS', 12),
        findingsRaw: partitions('KAFKA_PARTITIONS_FINDINGS_RAW', 12),
        jobEvents: partitions('KAFKA_PARTITIONS_JOB_EVENTS', 12),
        default: partitions('KAFKA_PARTITIONS_DEFAULT', 3),
      },
    },
    consumer: {
      sessionTimeoutMs: env(
        'KAFKA_SESSION_TIMEOUT_MS',
        int({ min: 1_000, max: 3_600_000 }).default(30_000),
      ),
      heartbeatIntervalMs: env(
        'KAFKA_HEARTBEAT_INTERVAL_MS',
        int({ min: 100, max: 3_600_000 }).default(3_000),
      ),
    },
  };
}

export type KafkaConfig = ConfigValue<ReturnType<typeof kafkaNode>>;

const SCRAM: readonly KafkaSaslMechanism[] = ['scram-sha-256', 'scram-sha-512'];

type SaslConfig = KafkaConfig['sasl'];

/** A variable that some mechanisms need and the others would silently ignore. */
function mechanismSettingRule(
  variable: string,
  neededBy: readonly KafkaSaslMechanism[],
  valueOf: (sasl: SaslConfig) => unknown,
) {
  return configRule<KafkaConfig>(['KAFKA_SASL_MECHANISM', variable], ({ sasl }) => {
    const needed = neededBy.includes(sasl.mechanism);
    const set = valueOf(sasl) !== undefined;
    if (needed && !set) {
      return [{ variable, problem: `is required when KAFKA_SASL_MECHANISM is ${sasl.mechanism}` }];
    }
    if (!needed && set) {
      return [
        {
          variable,
          problem: `must not be set when KAFKA_SASL_MECHANISM is ${sasl.mechanism} (it would be ignored)`,
        },
      ];
    }
    return [];
  });
}

const caFileNeedsTlsRule = configRule<KafkaConfig>(
  ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL'],
  ({ ssl, sslCaFile }) =>
    sslCaFile !== undefined && !ssl
      ? [
          {
            variable: 'KAFKA_SSL_CA_FILE',
            problem: 'must not be set when KAFKA_SSL is false (it would be ignored)',
          },
        ]
      : [],
);

const mskIamNeedsTlsRule = configRule<KafkaConfig>(
  ['KAFKA_SASL_MECHANISM', 'KAFKA_SSL'],
  ({ sasl, ssl }) =>
    sasl.mechanism === 'aws' && !ssl
      ? [
          {
            variable: 'KAFKA_SSL',
            problem: 'must be true when KAFKA_SASL_MECHANISM is aws (MSK IAM requires TLS)',
          },
        ]
      : [],
);

const heartbeatRule = configRule<KafkaConfig>(
  ['KAFKA_SESSION_TIMEOUT_MS', 'KAFKA_HEARTBEAT_INTERVAL_MS'],
  ({ consumer }) =>
    consumer.heartbeatIntervalMs < consumer.sessionTimeoutMs
      ? []
      : [
          {
            variable: 'KAFKA_HEARTBEAT_INTERVAL_MS',
            problem: 'must be lower than KAFKA_SESSION_TIMEOUT_MS',
          },
        ],
);

export function kafkaFragment(defaults: { readonly clientId: string }) {
  return configFragment(kafkaNode(defaults), [
    mechanismSettingRule('KAFKA_SASL_USERNAME', SCRAM, (sasl) => sasl.username),
    mechanismSettingRule('KAFKA_SASL_PASSWORD', SCRAM, (sasl) => sasl.password),
    mechanismSettingRule('KAFKA_AWS_REGION', ['aws'], (sasl) => sasl.awsRegion),
    caFileNeedsTlsRule,
    mskIamNeedsTlsRule,
    heartbeatRule,
  ]);
}

/** For schemas with both `transport` and `kafka`: brokers are required when the transport is Kafka. */
export const kafkaBrokersRule = configRule<{
  readonly transport: Transport;
  readonly kafka: KafkaConfig;
}>(['TRANSPORT', 'KAFKA_BROKERS'], ({ transport, kafka }) =>
  transport === 'kafka' && kafka.brokers.length === 0
    ? [{ variable: 'KAFKA_BROKERS', problem: 'is required when TRANSPORT is kafka' }]
    : [],
);
