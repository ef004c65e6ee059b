/**
 * The Kafka security options of the deployment (KAFKA_SSL, KAFKA_SSL_CA_FILE, SCRAM) end to end:
 * env → config → messagingOptionsFromConfig → the real kafkajs client, against a broker of this
 * spec's own that only speaks SASL_SSL with a certificate from a private CA.
 */
import { Injectable, Logger, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Env, loadConfig, scannerConfigSchema } from '@palisade/config';
import { type ScanControl, Topics } from '@palisade/contracts';
import { type SecureKafka, startSecureKafka } from '@palisade/testing';
import { randomUUID } from 'node:crypto';
import { MessageHandler } from '../core/message-handler.decorator';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { Publisher } from '../core/publisher';
import { messagingOptionsFromConfig } from '../messaging-config';
import { MessagingModule } from '../messaging.module';
import { uuidFor, waitFor } from '../testing/wait-for';
import { KafkaTransport } from './kafka-transport';

/** The broker ends every SASL session this long after it began (connections.max.reauth.ms). */
const SESSION_LIFETIME_MS = 12_000;

/** Every line logged through Nest, kafkajs' debug lines included, as text. */
class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private record = (...args: unknown[]) => {
    this.lines.push(
      JSON.stringify(args, (_key, value: unknown) =>
        isSerializedBuffer(value) ? Buffer.from(value.data).toString('latin1') : value,
      ),
    );
  };
  log = this.record;
  error = this.record;
  warn = this.record;
  debug = this.record;
  verbose = this.record;
  fatal = this.record;

  count(text: string): number {
    return this.lines.filter((line) => line.includes(text)).length;
  }
}

function isSerializedBuffer(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  );
}

@Injectable()
class Received {
  readonly messages: ScanControl[] = [];
}

@Injectable()
class ControlHandler {
  constructor(private readonly received: Received) {}

  @MessageHandler(Topics.scanControl, { group: 'secure-control' })
  handle(message: ScanControl): Promise<void> {
    this.received.messages.push(message);
    return Promise.resolve();
  }
}

function control(n: number): ScanControl {
  return {
    schemaVersion: 1,
    scanId: uuidFor(n, 1),
    tenantId: uuidFor(1, 2),
    action: 'cancel',
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** kafkajs logs each authentication at debug: the spec counts them. */
function withDebugLogs(options: MessagingModuleOptions): MessagingModuleOptions {
  return { ...options, kafka: options.kafka && { ...options.kafka, logLevel: 'debug' } };
}

describe('Kafka over SASL_SSL with a private CA and SCRAM-SHA-512', () => {
  const logs = new LogCapture();
  const prefix = `t-secure-${randomUUID().slice(0, 8)}.`;
  let broker: SecureKafka;

  /** What a deployment sets, through the same config schema and mapping as the services. */
  function optionsFor(overrides: Env = {}): MessagingModuleOptions {
    const env: Env = {
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_PREFIX: prefix,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: broker.username,
      KAFKA_SASL_PASSWORD: broker.password,
      KAFKA_PARTITIONS_JOBS: '1',
      KAFKA_PARTITIONS_FINDINGS_RAW: '1',
      KAFKA_PARTITIONS_JOB_EVENTS: '1',
      KAFKA_PARTITIONS_DEFAULT: '1',
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
      ...overrides,
    };
    return withDebugLogs(messagingOptionsFromConfig(loadConfig(scannerConfigSchema, env)));
  }

  beforeAll(async () => {
    Logger.overrideLogger(logs);
    broker = await startSecureKafka({ label: 'messaging', reauthMs: SESSION_LIFETIME_MS });
  }, 150_000);

  afterAll(async () => {
    await broker?.stop();
  });

  it('should publish and consume with the CA file and the right password, re-authenticating before each session ends', async () => {
    const app = await Test.createTestingModule({
      imports: [MessagingModule.forRoot(optionsFor())],
      providers: [Received, ControlHandler],
    })
      .setLogger(logs)
      .compile();
    await app.init();
    try {
      const publisher = app.get(Publisher);
      const received = app.get(Received);

      await publisher.publish(Topics.scanControl, control(1));
      await waitFor('the first message', () => received.messages.length === 1, 30_000);

      // Past the session lifetime the broker closes a connection that has not re-authenticated:
      // the consumer's (busy) and the publisher's (idle since) connections must outlive it.
      await new Promise((resolve) => setTimeout(resolve, SESSION_LIFETIME_MS + 2_000));
      await publisher.publish(Topics.scanControl, control(2));
      await waitFor('the second message', () => received.messages.length === 2, 30_000);

      expect(received.messages.map((m) => m.scanId)).toEqual([uuidFor(1, 1), uuidFor(2, 1)]);
      const connections = logs.count('"Connecting"');
      const authentications = logs.count('SASL SCRAM SHA512 authentication successful');
      expect(connections).toBeGreaterThan(0);
      // More authentications than connections: open connections re-authenticated, idle ones
      // included, and the broker closed none of them.
      expect(authentications).toBeGreaterThan(connections);
      expect(logs.count('Kafka server has closed connection')).toBe(0);
      expect(logs.count(broker.password)).toBe(0);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('should refuse a wrong password with an authentication error that does not contain it', async () => {
    const wrong = `wrong-${randomUUID()}`;
    const transport = new KafkaTransport(optionsFor({ KAFKA_SASL_PASSWORD: wrong }));
    try {
      const error = await transport.provision().then(
        () => new Error('provisioning succeeded with a wrong password'),
        (refused: unknown) => refused,
      );

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /SASL SCRAM SHA512 authentication failed: .*invalid credentials/,
      );
      expect((error as Error).message).not.toContain(wrong);
      expect(logs.count(wrong)).toBe(0);
    } finally {
      await transport.close();
    }
  });

  it('should refuse the TLS handshake when only the system roots are trusted', async () => {
    const transport = new KafkaTransport(optionsFor({ KAFKA_SSL_CA_FILE: undefined }));
    try {
      await expect(transport.ping(5_000)).rejects.toThrow(
        /cannot reach kafka: .*unable to verify the first certificate/,
      );
    } finally {
      await transport.close();
    }
  });
});
