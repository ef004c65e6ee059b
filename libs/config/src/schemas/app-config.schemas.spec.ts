import { ConfigError } from '../config-error';
import type { ConfigSchema } from '../config-schema';
import type { ConfigTree } from '../config-tree';
import { loadConfig, type Env } from '../load-config';
import { apiConfigSchema } from './api-config.schema';
import { discoveryConfigSchema } from './discovery-config.schema';
import { normaliserConfigSchema } from './normaliser-config.schema';
import { scannerConfigSchema } from './scanner-config.schema';

const DATABASE_URL = 'postgres://palisade:pw@localhost:5432/palisade';
const KAFKA = { KAFKA_BROKERS: 'localhost:9092' };

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return Object.fromEntries(error.issues.map((issue) => [issue.variable, issue.problem]));
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('app config schemas', () => {
  it('should give the api its defaults as a typed nested object', () => {
    const config = loadConfig(apiConfigSchema, { ...KAFKA, DATABASE_URL });

    expect(config).toEqual({
      service: { name: 'api' },
      http: { host: '0.0.0.0', port: 3000 },
      log: { level: 'info' },
      health: { checkTimeoutMs: 2000 },
      transport: 'kafka',
      kafka: {
        brokers: ['localhost:9092'],
        clientId: 'palisade-api',
        topicPrefix: '',
        groupPrefix: '',
        ssl: false,
        sslCaFile: undefined,
        sasl: { mechanism: 'none', username: undefined, password: undefined, awsRegion: undefined },
        topics: {
          provision: true,
          replicationFactor: undefined,
          partitions: { jobs: 12, findingsRaw: 12, jobEvents: 12, default: 3 },
        },
        consumer: { sessionTimeoutMs: 30000, heartbeatIntervalMs: 3000 },
      },
      database: { url: DATABASE_URL, poolSize: 10, migrationsUrl: undefined },
      aws: { region: 'us-east-1', endpointUrl: undefined },
      api: {
        operatorKey: undefined,
        rateLimitPerMinute: 600,
        webhookEncryptionKey: undefined,
        webhookAllowLoopback: false,
        webhookMaxAttempts: 8,
        webhookIntervalMs: 2000,
        webhookTimeoutMs: 10000,
        hubPrincipalArn: undefined,
        connectionTestTimeoutMs: 20000,
      },
    });
  });

  it('should type the nested config from the schema', () => {
    const config = loadConfig(scannerConfigSchema, KAFKA);
    const brokers: string[] = config.kafka.brokers;
    const port: number = config.http.port;
    const name: 'scanner' = config.service.name;
    // @ts-expect-error the port is a number, not a string
    const portAsString: string = config.http.port;
    // @ts-expect-error the scanner is stateless: it has no database config
    const database: unknown = config.database;

    expect([brokers, port, name, portAsString, database]).toEqual([
      ['localhost:9092'],
      3002,
      'scanner',
      3002,
      undefined,
    ]);
  });

  it.each<[string, ConfigSchema<ConfigTree>, number, boolean, boolean]>([
    ['discovery', discoveryConfigSchema, 3001, true, true],
    ['scanner', scannerConfigSchema, 3002, false, true],
    ['normaliser', normaliserConfigSchema, 3003, true, false],
    ['api', apiConfigSchema, 3000, true, true],
  ])('should compose %s from its fragments', (name, schema, port, hasDatabase, hasAws) => {
    const config = loadConfig(schema, { ...KAFKA, DATABASE_URL }) as {
      service: { name: string };
      http: { port: number };
    };

    expect(config.service.name).toBe(name);
    expect(config.http.port).toBe(port);
    expect('database' in config).toBe(hasDatabase);
    expect('aws' in config).toBe(hasAws);
  });

  it('should read every documented variable', () => {
    const env: Env = {
      HOST: '127.0.0.1',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      HEALTH_CHECK_TIMEOUT_MS: '500',
      TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'b-1.msk:9098,b-2.msk:9098',
      KAFKA_CLIENT_ID: 'palisade-api-blue',
      KAFKA_TOPIC_PREFIX: 'staging.',
      KAFKA_GROUP_PREFIX: 'staging-',
      KAFKA_SSL: '1',
      KAFKA_SSL_CA_FILE: '/etc/palisade/kafka-ca/ca.crt',
      KAFKA_SASL_MECHANISM: 'aws',
      KAFKA_AWS_REGION: 'eu-central-1',
      KAFKA_TOPIC_PROVISIONING: 'false',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_PARTITIONS_JOBS: '48',
      KAFKA_PARTITIONS_FINDINGS_RAW: '24',
      KAFKA_PARTITIONS_JOB_EVENTS: '24',
      KAFKA_PARTITIONS_DEFAULT: '6',
      KAFKA_SESSION_TIMEOUT_MS: '45000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
      DATABASE_URL,
      DATABASE_POOL_SIZE: '25',
      DATABASE_MIGRATIONS_URL: 'postgresql://owner:pw@localhost/palisade',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://localhost:5000',
    };

    const config = loadConfig(apiConfigSchema, env);

    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.log.level).toBe('debug');
    expect(config.health.checkTimeoutMs).toBe(500);
    expect(config.kafka).toEqual({
      brokers: ['b-1.msk:9098', 'b-2.msk:9098'],
      clientId: 'palisade-api-blue',
      topicPrefix: 'staging.',
      groupPrefix: 'staging-',
      ssl: true,
      sslCaFile: '/etc/palisade/kafka-ca/ca.crt',
      sasl: {
        mechanism: 'aws',
        username: undefined,
        password: undefined,
        awsRegion: 'eu-central-1',
      },
      topics: {
        provision: false,
        replicationFactor: 3,
        partitions: { jobs: 48, findingsRaw: 24, jobEvents: 24, default: 6 },
      },
      consumer: { sessionTimeoutMs: 45000, heartbeatIntervalMs: 5000 },
    });
    expect(config.database).toEqual({
      url: DATABASE_URL,
      poolSize: 25,
      migrationsUrl: 'postgresql://owner:pw@localhost/palisade',
    });
    expect(config.aws).toEqual({ region: 'eu-west-1', endpointUrl: 'http://localhost:5000' });
  });

  it('should require KAFKA_BROKERS only when TRANSPORT is kafka', () => {
    expect(problemsOf(() => loadConfig(normaliserConfigSchema, { DATABASE_URL }))).toEqual({
      KAFKA_BROKERS: 'is required when TRANSPORT is kafka',
    });
    expect(
      loadConfig(normaliserConfigSchema, { DATABASE_URL, TRANSPORT: 'in-process' }).kafka.brokers,
    ).toEqual([]);
  });

  it('should require SCRAM credentials and refuse credentials another mechanism would ignore', () => {
    expect(
      problemsOf(() =>
        loadConfig(scannerConfigSchema, { ...KAFKA, KAFKA_SASL_MECHANISM: 'scram-sha-256' }),
      ),
    ).toEqual({
      KAFKA_SASL_USERNAME: 'is required when KAFKA_SASL_MECHANISM is scram-sha-256',
      KAFKA_SASL_PASSWORD: 'is required when KAFKA_SASL_MECHANISM is scram-sha-256',
    });
    expect(
      problemsOf(() => loadConfig(scannerConfigSchema, { ...KAFKA, KAFKA_SASL_PASSWORD: 'pw' })),
    ).toEqual({
      KAFKA_SASL_PASSWORD:
        'must not be set when KAFKA_SASL_MECHANISM is none (it would be ignored)',
    });
  });

  it('should take the hub principal customers’ roles trust as an IAM ARN, and refuse anything else', () => {
    const hub = 'arn:aws-us-gov:iam::111122223333:role/PalisadeHubRole';
    expect(
      loadConfig(apiConfigSchema, { ...KAFKA, DATABASE_URL, HUB_PRINCIPAL_ARN: hub }).api
        .hubPrincipalArn,
    ).toBe(hub);
    expect(
      problemsOf(() =>
        loadConfig(apiConfigSchema, {
          ...KAFKA,
          DATABASE_URL,
          HUB_PRINCIPAL_ARN: 'arn:aws:s3:::bucket',
        }),
      ),
    ).toEqual({
      HUB_PRINCIPAL_ARN:
        'must be an IAM role, user or root ARN, e.g. arn:aws:iam::111122223333:role/PalisadeHubRole',
    });
  });

  it('should require TLS for MSK IAM', () => {
    expect(
      problemsOf(() =>
        loadConfig(scannerConfigSchema, {
          ...KAFKA,
          KAFKA_SASL_MECHANISM: 'aws',
          KAFKA_AWS_REGION: 'us-east-1',
        }),
      ),
    ).toEqual({
      KAFKA_SSL: 'must be true when KAFKA_SASL_MECHANISM is aws (MSK IAM requires TLS)',
    });
  });

  it('should require the MSK region for MSK IAM, and refuse one any other mechanism would ignore', () => {
    const tls = { ...KAFKA, KAFKA_SSL: 'true' };
    expect(
      problemsOf(() => loadConfig(scannerConfigSchema, { ...tls, KAFKA_SASL_MECHANISM: 'aws' })),
    ).toEqual({ KAFKA_AWS_REGION: 'is required when KAFKA_SASL_MECHANISM is aws' });
    expect(
      problemsOf(() =>
        loadConfig(scannerConfigSchema, {
          ...tls,
          KAFKA_SASL_MECHANISM: 'scram-sha-512',
          KAFKA_SASL_USERNAME: 'palisade',
          KAFKA_SASL_PASSWORD: 'pw',
          KAFKA_AWS_REGION: 'us-east-1',
        }),
      ),
    ).toEqual({
      KAFKA_AWS_REGION:
        'must not be set when KAFKA_SASL_MECHANISM is scram-sha-512 (it would be ignored)',
    });
    expect(
      problemsOf(() =>
        loadConfig(scannerConfigSchema, {
          ...tls,
          KAFKA_SASL_MECHANISM: 'aws',
          KAFKA_AWS_REGION: 'Frankfurt',
        }),
      ),
    ).toEqual({ KAFKA_AWS_REGION: 'must be an AWS region such as us-east-1' });
    expect(
      loadConfig(scannerConfigSchema, {
        ...tls,
        KAFKA_SASL_MECHANISM: 'aws',
        KAFKA_AWS_REGION: 'us-gov-west-1',
      }).kafka.sasl,
    ).toEqual({
      mechanism: 'aws',
      username: undefined,
      password: undefined,
      awsRegion: 'us-gov-west-1',
    });
  });

  it('should take a CA bundle path only with TLS', () => {
    const caFile = { ...KAFKA, KAFKA_SSL_CA_FILE: '/etc/palisade/kafka-ca/ca.crt' };
    expect(problemsOf(() => loadConfig(scannerConfigSchema, caFile))).toEqual({
      KAFKA_SSL_CA_FILE: 'must not be set when KAFKA_SSL is false (it would be ignored)',
    });
    expect(
      problemsOf(() =>
        loadConfig(scannerConfigSchema, { ...KAFKA, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '  ' }),
      ),
    ).toEqual({ KAFKA_SSL_CA_FILE: 'must not be blank' });
    const config = loadConfig(scannerConfigSchema, { ...caFile, KAFKA_SSL: 'true' });
    expect([config.kafka.ssl, config.kafka.sslCaFile]).toEqual([
      true,
      '/etc/palisade/kafka-ca/ca.crt',
    ]);
  });

  it('should require the heartbeat to be shorter than the session timeout', () => {
    const env = { ...KAFKA, KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '6000' };

    expect(problemsOf(() => loadConfig(scannerConfigSchema, env))).toEqual({
      KAFKA_HEARTBEAT_INTERVAL_MS: 'must be lower than KAFKA_SESSION_TIMEOUT_MS',
    });
  });

  it('should list every bad variable of a badly configured discovery at once', () => {
    const problems = problemsOf(() =>
      loadConfig(discoveryConfigSchema, {
        PORT: '70000',
        LOG_LEVEL: 'verbose',
        TRANSPORT: 'rabbitmq',
        KAFKA_SSL: 'yes',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_PARTITIONS_JOBS: '0',
        DATABASE_POOL_SIZE: 'ten',
        AWS_REGION: 'Ireland',
        AWS_ENDPOINT_URL: 'localhost:5000',
      }),
    );

    expect(problems).toEqual({
      PORT: 'must be an integer from 0 to 65535',
      LOG_LEVEL: 'must be one of trace, debug, info, warn, error, fatal, silent',
      TRANSPORT: 'must be one of kafka, in-process',
      KAFKA_SSL: 'must be one of true, false, 1, 0',
      KAFKA_SASL_USERNAME: 'is required when KAFKA_SASL_MECHANISM is scram-sha-512',
      KAFKA_SASL_PASSWORD: 'is required when KAFKA_SASL_MECHANISM is scram-sha-512',
      KAFKA_PARTITIONS_JOBS: 'must be an integer from 1 to 10000',
      DATABASE_URL: 'is required',
      DATABASE_POOL_SIZE: 'must be an integer from 1 to 1000',
      AWS_REGION: 'must be an AWS region such as us-east-1',
      AWS_ENDPOINT_URL: 'must be an http:// or https:// URL',
    });
  });
});
