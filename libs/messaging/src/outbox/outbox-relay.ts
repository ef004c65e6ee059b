import {
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Provider,
} from '@nestjs/common';
import { topicByName } from '@palisade/contracts';
import {
  claimOutboxBatch,
  markOutboxPublished,
  runExclusive,
  type OutboxRecord,
} from '@palisade/persistence';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { reasonOf } from '../core/errors';
import { MessageTransport } from '../core/publisher';
import { type EncodedRecord } from '../core/types';

export interface OutboxRelayOptions {
  /** Rows claimed, published and marked per transaction. Default 100. */
  readonly batchSize?: number;
  /** Pause between passes. Default 500 ms. */
  readonly intervalMs?: number;
  /** Batches per pass before yielding to the schedule. Default 50. */
  readonly maxBatchesPerPass?: number;
  /** The advisory lock (and task) name. Default `outbox-relay`. */
  readonly lockName?: string;
}

export const OUTBOX_ID_HEADER = 'x-outbox-id';

/**
 * Publishes committed outbox rows in id order through the transport, and marks them published.
 * Runs on every replica; each batch is one transaction under `runExclusive`, so one replica at a
 * time claims, publishes (waiting for the broker's ack) and marks. A crash between the ack and
 * the commit republishes that batch: at-least-once, like every delivery here.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly maxBatches: number;
  private readonly lockName: string;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MessageTransport,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.intervalMs = options.intervalMs ?? 500;
    this.maxBatches = options.maxBatchesPerPass ?? 50;
    this.lockName = options.lockName ?? 'outbox-relay';
  }

  /** One pass: batches until the outbox is drained, another replica holds the lock, or the cap. */
  async relayOnce(): Promise<{ published: number; ran: boolean }> {
    let published = 0;
    for (let batch = 0; batch < this.maxBatches && !this.stopping.signal.aborted; batch += 1) {
      const result = await runExclusive(this.dataSource, this.lockName, (manager) =>
        this.relayBatch(manager),
      );
      if (!result.ran) {
        return { published, ran: batch > 0 };
      }
      published += result.value;
      if (result.value < this.batchSize) {
        break;
      }
    }
    return { published, ran: true };
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.relayOnce();
      } catch (error) {
        this.logger.warn({ msg: 'outbox relay pass failed; retrying', reason: reasonOf(error) });
      }
      const jitter = Math.floor(Math.random() * (this.intervalMs / 10));
      await sleep(this.intervalMs + jitter, undefined, { signal: this.stopping.signal }).catch(
        () => undefined,
      );
    }
  }

  private async relayBatch(manager: EntityManager): Promise<number> {
    const rows = await claimOutboxBatch(manager, this.batchSize);
    if (rows.length === 0) {
      return 0;
    }
    const records: EncodedRecord[] = [];
    const ids: string[] = [];
    for (const row of rows) {
      const record = this.encoded(row);
      if (record) {
        records.push(record);
        ids.push(row.id);
      }
    }
    await this.transport.sendEncoded(records);
    const marked = await markOutboxPublished(manager, ids);
    if (marked !== ids.length) {
      this.logger.warn({
        msg: 'some outbox rows were already marked published',
        expected: ids.length,
        marked,
      });
    }
    return ids.length;
  }

  /** A row for a topic this build does not know stays unpublished (and is reported) rather than lost. */
  private encoded(row: OutboxRecord): EncodedRecord | undefined {
    const topic = topicByName(row.topic);
    if (!topic) {
      this.logger.error({
        msg: 'outbox row for an unknown topic left unpublished',
        id: row.id,
        topic: row.topic,
      });
      return undefined;
    }
    return {
      topic,
      key: row.key,
      value: JSON.stringify(row.value),
      headers: { ...row.headers, [OUTBOX_ID_HEADER]: row.id },
    };
  }
}

/** A provider for apps: the relay on the app's DataSource and transport, started at bootstrap. */
export function outboxRelayProvider(options: OutboxRelayOptions = {}): Provider {
  return {
    provide: OutboxRelay,
    inject: [DataSource, MessageTransport],
    useFactory: (dataSource: DataSource, transport: MessageTransport) =>
      new OutboxRelay(dataSource, transport, options),
  };
}
