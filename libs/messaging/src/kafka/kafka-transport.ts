import { Logger } from '@nestjs/common';
import { ALL_TOPICS, type MessageOf, type TopicDefinition } from '@palisade/contracts';
import { randomUUID } from 'node:crypto';
import { type Admin, type Kafka } from 'kafkajs';
import { DEFAULT_BACKOFF } from '../core/backoff';
import { DeliveryProcessor } from '../core/delivery-processor';
import { BrokerUnavailableError, reasonOf } from '../core/errors';
import { assertUniqueHandlers, type HandlerRegistration } from '../core/handler-registration';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { MessageTransport } from '../core/publisher';
import { TopicNames } from '../core/topic-names';
import { type EncodedRecord, type PublishEntry, type PublishOptions } from '../core/types';
import { createKafkaClient } from './kafka-client';
import { type ConsumerStats, KafkaConsumerRunner } from './kafka-consumer-runner';
import { KafkaPublisher } from './kafka-publisher';
import { planTopics, TopicProvisioner } from './topic-provisioner';

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
const DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
const DEFAULT_MAX_WAIT_MS = 500;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;
const PING_TIMEOUT_MS = 5_000;

/** The Kafka transport: provisioning, the idempotent publisher and one runner per group. */
export class KafkaTransport extends MessageTransport {
  readonly kind = 'kafka';
  private readonly logger = new Logger('Messaging');
  private readonly kafka: Kafka;
  private readonly names: TopicNames;
  private readonly publisher: KafkaPublisher;
  private readonly abort = new AbortController();
  private runners: KafkaConsumerRunner[] = [];
  /** Readiness has its own client: fail fast (one retry), never queue behind boot retries. */
  private readonly pingKafka: Kafka;
  private adminClient: Admin | undefined;
  private adminReady: Promise<Admin> | undefined;
  private pingAdmin: Admin | undefined;
  /** Distinguishes this process in broadcast groups. */
  readonly instanceId = randomUUID().slice(0, 8);

  constructor(private readonly options: MessagingModuleOptions) {
    super();
    this.kafka = createKafkaClient(options.clientId, options.kafka);
    this.pingKafka = createKafkaClient(`${options.clientId}-health`, options.kafka, {
      retries: 1,
      initialRetryTime: 100,
      maxRetryTime: 500,
    });
    this.names = new TopicNames(options.topicPrefix, options.groupPrefix);
    this.publisher = new KafkaPublisher(this.kafka, this.names);
  }

  publish<T extends TopicDefinition>(
    topic: T,
    message: MessageOf<T>,
    options?: PublishOptions,
  ): Promise<void> {
    return this.publisher.publish(topic, message, options);
  }

  publishMany(entries: readonly PublishEntry[]): Promise<void> {
    return this.publisher.publishMany(entries);
  }

  sendEncoded(records: readonly EncodedRecord[]): Promise<void> {
    return this.publisher.sendEncoded(records);
  }

  /** Creates every topic of ALL_TOPICS and each `.dlq` when missing (idempotent). */
  async provision(): Promise<{ created: string[] }> {
    const admin = await this.connectedAdmin();
    return new TopicProvisioner(admin).provision(
      planTopics(ALL_TOPICS, this.names, this.options.provisioning),
    );
  }

  async start(handlers: readonly HandlerRegistration[]): Promise<void> {
    assertUniqueHandlers(handlers);
    if (this.options.provisioning?.enabled !== false) {
      await this.provision();
    }
    const kafka = this.options.kafka;
    const byGroup = new Map<string, HandlerRegistration[]>();
    for (const h of handlers) {
      byGroup.set(h.group, [...(byGroup.get(h.group) ?? []), h]);
    }
    const sink = this.publisher;
    const backoff = { ...DEFAULT_BACKOFF, ...this.options.retry };
    for (const [group, registrations] of byGroup) {
      const routes = registrations.map((registration) => ({
        registration,
        topic: this.names.topic(registration.topic),
        processor: new DeliveryProcessor(registration.topic, this.names.dlq(registration.topic), {
          sink,
          backoff,
          signal: this.abort.signal,
        }),
      }));
      this.runners.push(
        new KafkaConsumerRunner(
          this.kafka,
          group,
          routes,
          {
            sessionTimeoutMs: kafka?.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
            heartbeatIntervalMs: kafka?.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
            maxWaitTimeMs: kafka?.maxWaitTimeMs ?? DEFAULT_MAX_WAIT_MS,
            shutdownTimeoutMs: this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
          },
          this.abort,
        ),
      );
    }
    await Promise.all(this.runners.map((r) => r.start()));
    this.logger.log({
      msg: 'kafka consumers started',
      groups: this.runners.map((r) => r.groupId),
      handlers: handlers.map((h) => `${h.name} <- ${this.names.topic(h.topic)}`),
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  async close(): Promise<void> {
    await this.stop();
    await this.publisher.close();
    const admins = [this.adminClient, this.pingAdmin].filter((a): a is Admin => a !== undefined);
    this.adminClient = undefined;
    this.adminReady = undefined;
    this.pingAdmin = undefined;
    await Promise.all(admins.map((a) => a.disconnect().catch(() => undefined)));
  }

  /**
   * Readiness: the broker answers describeCluster within `timeoutMs` (connection included), and
   * no consumer has been given up by kafkajs after a non-retriable crash.
   */
  async ping(timeoutMs = PING_TIMEOUT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new BrokerUnavailableError(
              `kafka did not answer describeCluster within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      this.pingAdmin ??= this.pingKafka.admin();
      const admin = this.pingAdmin;
      const check = admin.connect().then(() => admin.describeCluster());
      await Promise.race([
        check.catch((error: unknown) => {
          throw new BrokerUnavailableError(`cannot reach kafka: ${reasonOf(error)}`, {
            cause: error,
          });
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
    const dead = this.runners.filter((r) => r.stats().dead).map((r) => r.groupId);
    if (dead.length > 0) {
      throw new BrokerUnavailableError(`kafka consumers stopped after a crash: ${dead.join(', ')}`);
    }
  }

  /** Per group: joins since start and current assignment (diagnostics and tests). */
  consumerStats(): ConsumerStats[] {
    return this.runners.map((r) => r.stats());
  }

  private connectedAdmin(): Promise<Admin> {
    this.adminReady ??= (async () => {
      this.adminClient ??= this.kafka.admin();
      const admin = this.adminClient;
      try {
        await admin.connect();
        return admin;
      } catch (error) {
        this.adminReady = undefined;
        throw new BrokerUnavailableError(`cannot reach kafka: ${reasonOf(error)}`, {
          cause: error,
        });
      }
    })();
    return this.adminReady;
  }
}
