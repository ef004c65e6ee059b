import { type DeadLetterStore } from './dead-letter';
import { type BatchOptions } from './types';

/** SASL/OAUTHBEARER: kafkajs asks for a token on every (re-)authentication. */
export type OauthBearerProvider = () => Promise<{ readonly value: string }>;

export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  /**
   * TLS; `ca` (PEM certificates) replaces the system roots. The broker's certificate is always
   * verified: there is deliberately no way to turn that off.
   */
  readonly ssl?: boolean | { readonly ca: readonly string[] };
  readonly sasl?:
    | { readonly mechanism: 'plain'; readonly username: string; readonly password: string }
    | { readonly mechanism: 'scram-sha-256'; readonly username: string; readonly password: string }
    | { readonly mechanism: 'scram-sha-512'; readonly username: string; readonly password: string }
    | { readonly mechanism: 'oauthbearer'; readonly oauthBearerProvider: OauthBearerProvider };
  /** Group session timeout; the broker's floor is `group.min.session.timeout.ms` (6000). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long a fetch waits for data; also bounds the gap between heartbeats. Default 500. */
  readonly maxWaitTimeMs?: number;
  readonly connectionTimeoutMs?: number;
  /** kafkajs log level passed to the logger adapter: 'error' | 'warn' | 'info' | 'debug'. */
  readonly logLevel?: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

export interface ProvisioningOptions {
  /** Create every topic of ALL_TOPICS and each `.dlq` at boot when missing. Default true. */
  readonly enabled?: boolean;
  /** Default 1 (a single local broker); 3 in production clusters. */
  readonly replicationFactor?: number;
  /** Overrides by (unprefixed) topic name; a topic's `.dlq` gets the same count. */
  readonly partitions?: Readonly<Record<string, number>>;
  /** Overrides every topic's partition count (tests). */
  readonly defaultPartitions?: number;
}

export interface RetryOptions {
  /** First backoff after a TransientError. Default 200 ms. */
  readonly initialDelayMs?: number;
  /** Cap of the exponential backoff. Default 30 s. */
  readonly maxDelayMs?: number;
}

export interface InProcessOptions {
  /** Messages a lane holds (queued + in flight) before `publish` waits. Default 1000. */
  readonly laneCapacity?: number;
  /** Where dead letters go. Default: an in-memory store (tests); the CLI passes Postgres. */
  readonly deadLetterStore?: DeadLetterStore;
}

export interface MessagingModuleOptions {
  readonly transport: 'kafka' | 'in-process';
  /** Kafka client id, also used in log context. */
  readonly clientId: string;
  readonly kafka?: KafkaConnectionOptions;
  readonly provisioning?: ProvisioningOptions;
  /** Prepended to every topic name, its `.dlq` included (tests isolate themselves with it). */
  readonly topicPrefix?: string;
  /** Prepended to every consumer group id. */
  readonly groupPrefix?: string;
  readonly retry?: RetryOptions;
  /** How long a graceful stop waits for in-flight handlers. Default 30 s. */
  readonly shutdownTimeoutMs?: number;
  /**
   * Messages in flight per handler, by (unprefixed) topic name: deployment tuning that
   * overrides the `concurrency` a `@MessageHandler` declares (e.g. the scanner's job slots).
   */
  readonly concurrency?: Readonly<Record<string, number>>;
  /**
   * Batch sizes by (unprefixed) topic name, overriding what a batch `@MessageHandler` declares
   * (e.g. the normaliser's messages per transaction). Ignored for one-at-a-time handlers.
   */
  readonly batch?: Readonly<Record<string, BatchOptions>>;
  /** Start the consumers of discovered handlers at application bootstrap. Default true. */
  readonly consume?: boolean;
  readonly inProcess?: InProcessOptions;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
