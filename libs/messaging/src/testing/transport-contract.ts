import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  type RulesChanged,
  type ScanControl,
  type TopicDefinition,
  Topics,
} from '@palisade/contracts';
import { TransientError } from '../core/errors';
import { MessageHandler } from '../core/message-handler.decorator';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { Publisher } from '../core/publisher';
import { type Delivered, type MessageMeta, type RawMessage } from '../core/types';
import { MessagingModule } from '../messaging.module';
import { uuidFor, waitFor } from './wait-for';

/** A dead letter as a test reads it back, whichever transport wrote it. */
export interface DeadLetterView {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly errorCode: string;
  readonly errorReason: string;
  readonly sourceTopic: string;
}

/** What a transport provides to run the shared contract (one harness per test: isolated names). */
export interface TransportHarness {
  readonly options: MessagingModuleOptions;
  /** Sends bytes unvalidated, as a foreign producer would (a poison message). */
  sendRaw(app: TestingModule, topic: TopicDefinition, raw: RawMessage): Promise<void>;
  /** The dead letters of `topic`, once at least `atLeast` of them exist. */
  deadLetters(
    app: TestingModule,
    topic: TopicDefinition,
    atLeast: number,
  ): Promise<DeadLetterView[]>;
  /** How many dead letters `topic` has now. */
  deadLetterCount(app: TestingModule, topic: TopicDefinition): Promise<number>;
  cleanup(): Promise<void>;
}

type Behaviour = (message: ScanControl, meta: MessageMeta) => Promise<void>;

@Injectable()
class Recorder {
  readonly handled: { message: ScanControl; meta: MessageMeta }[] = [];
  readonly batches: Delivered<RulesChanged>[][] = [];
  readonly active = new Map<string, number>();
  maxActivePerKey = 0;
  behaviour: Behaviour = () => Promise.resolve();
}

@Injectable()
class ControlHandler {
  constructor(private readonly recorder: Recorder) {}

  @MessageHandler(Topics.scanControl, { concurrency: 4, group: 'contract-control' })
  async handle(message: ScanControl, meta: MessageMeta): Promise<void> {
    const r = this.recorder;
    const key = meta.key ?? '';
    r.active.set(key, (r.active.get(key) ?? 0) + 1);
    r.maxActivePerKey = Math.max(r.maxActivePerKey, r.active.get(key) ?? 0);
    try {
      r.handled.push({ message, meta });
      await r.behaviour(message, meta);
    } finally {
      r.active.set(key, (r.active.get(key) ?? 1) - 1);
    }
  }
}

@Injectable()
class RulesBatchHandler {
  constructor(private readonly recorder: Recorder) {}

  @MessageHandler(Topics.rulesChanged, {
    batch: { maxSize: 4, maxWaitMs: 300 },
    group: 'contract-rules',
  })
  handle(batch: readonly Delivered<RulesChanged>[]): Promise<void> {
    this.recorder.batches.push([...batch]);
    return Promise.resolve();
  }
}

function control(scan: number, seq: number): ScanControl {
  return {
    schemaVersion: 1,
    scanId: uuidFor(scan, 1),
    tenantId: uuidFor(seq, 2),
    action: 'cancel',
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

function seqOf(m: ScanControl): number {
  return Number(m.tenantId.slice(-12));
}

function ruleChange(seq: number): RulesChanged {
  return {
    schemaVersion: 1,
    tenantId: uuidFor(1, 3),
    ruleId: uuidFor(seq, 4),
    change: 'updated',
    at: '2026-01-01T00:00:00.000Z',
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The delivery contract every transport keeps (architecture.md, "Delivery semantics"), run
 * against both: the same handlers, the same assertions.
 */
export function describeTransportContract(
  name: string,
  factory: () => TransportHarness | Promise<TransportHarness>,
): void {
  describe(`${name} transport contract`, () => {
    let harness: TransportHarness;
    let app: TestingModule;
    let recorder: Recorder;
    let publisher: Publisher;
    let closed = false;

    async function boot(): Promise<void> {
      harness = await factory();
      app = await Test.createTestingModule({
        imports: [MessagingModule.forRoot(harness.options)],
        providers: [Recorder, ControlHandler, RulesBatchHandler],
      }).compile();
      await app.init();
      recorder = app.get(Recorder);
      publisher = app.get(Publisher);
    }

    beforeEach(async () => {
      closed = false;
      await boot();
    });

    afterEach(async () => {
      if (!closed) {
        await app?.close();
      }
      await harness?.cleanup();
    });

    it('should deliver every valid message exactly once and in order per key', async () => {
      recorder.behaviour = () => sleep(Math.floor(Math.random() * 15));
      const messages = [0, 1, 2, 3, 4].flatMap((seq) =>
        [1, 2, 3].map((scan) => control(scan, seq)),
      );
      await Promise.all(
        [1, 2, 3].map(async (scan) => {
          for (const m of messages.filter((x) => x.scanId === uuidFor(scan, 1))) {
            await publisher.publish(Topics.scanControl, m);
          }
        }),
      );

      await waitFor('15 messages handled', () => recorder.handled.length >= 15);
      await sleep(300); // a duplicate would show up by now
      expect(recorder.handled).toHaveLength(15);
      for (const scan of [1, 2, 3]) {
        const sequence = recorder.handled
          .filter((h) => h.message.scanId === uuidFor(scan, 1))
          .map((h) => seqOf(h.message));
        expect(sequence).toEqual([0, 1, 2, 3, 4]);
      }
      expect(recorder.maxActivePerKey).toBe(1);
      expect(recorder.handled[0]?.meta.key).toBe(recorder.handled[0]?.message.scanId);
    });

    it('should dead-letter an invalid message with the reason and original headers, then handle the next', async () => {
      const key = uuidFor(7, 1);
      await harness.sendRaw(app, Topics.scanControl, {
        key,
        value: JSON.stringify({ schemaVersion: 1, scanId: 'not-a-uuid' }),
        headers: { 'x-trace-id': 'trace-1' },
      });
      await publisher.publish(Topics.scanControl, control(7, 1));

      await waitFor('the valid message handled', () => recorder.handled.length === 1);
      const [letter] = await harness.deadLetters(app, Topics.scanControl, 1);
      expect(letter).toMatchObject({
        key,
        errorCode: 'INVALID_MESSAGE',
        headers: { 'x-trace-id': 'trace-1' },
      });
      expect(letter?.errorReason).toContain(Topics.scanControl.name);
      expect(letter?.errorReason).toContain('scanId');
      expect(JSON.parse(letter?.value ?? 'null')).toEqual({
        schemaVersion: 1,
        scanId: 'not-a-uuid',
      });
      expect(recorder.handled.map((h) => seqOf(h.message))).toEqual([1]);
    });

    it('should retry a TransientError in place until it succeeds, keeping the key order', async () => {
      let failures = 2;
      recorder.behaviour = (m) => {
        if (seqOf(m) === 1 && failures > 0) {
          failures -= 1;
          return Promise.reject(new TransientError('THROTTLED', 'slow down'));
        }
        return Promise.resolve();
      };
      await publisher.publish(Topics.scanControl, control(5, 1));
      await publisher.publish(Topics.scanControl, control(5, 2));

      await waitFor(
        'both handled',
        () => recorder.handled.filter((h) => seqOf(h.message) === 2).length === 1,
      );
      expect(recorder.handled.map((h) => seqOf(h.message))).toEqual([1, 1, 1, 2]);
      expect(await harness.deadLetterCount(app, Topics.scanControl)).toBe(0);
    });

    it('should dead-letter a message whose handler fails permanently, with its code, and move on', async () => {
      recorder.behaviour = (m) => {
        if (seqOf(m) === 1) {
          return Promise.reject(
            Object.assign(new Error('account closed'), { code: 'ACCOUNT_CLOSED' }),
          );
        }
        if (seqOf(m) === 2) {
          return Promise.reject(new Error('no code here'));
        }
        return Promise.resolve();
      };
      for (const seq of [1, 2, 3]) {
        await publisher.publish(Topics.scanControl, control(6, seq));
      }

      await waitFor('the third handled', () =>
        recorder.handled.some((h) => seqOf(h.message) === 3),
      );
      const letters = await harness.deadLetters(app, Topics.scanControl, 2);
      expect(letters.map((l) => [l.errorCode, l.errorReason])).toEqual([
        ['ACCOUNT_CLOSED', 'account closed'],
        ['HANDLER_FAILED', 'no code here'],
      ]);
      expect(recorder.handled.map((h) => seqOf(h.message))).toEqual([1, 2, 3]);
    });

    it('should hand a batch handler arrays of validated messages, in order', async () => {
      await harness.sendRaw(app, Topics.rulesChanged, {
        key: uuidFor(1, 3),
        value: 'not json',
        headers: {},
      });
      await publisher.publishMany(
        [1, 2, 3, 4, 5, 6].map((seq) => ({ topic: Topics.rulesChanged, message: ruleChange(seq) })),
      );

      await waitFor('6 messages in batches', () => recorder.batches.flat().length >= 6);
      const all = recorder.batches.flat();
      expect(all.map((d) => Number(d.message.ruleId.slice(-12)))).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Math.max(...recorder.batches.map((b) => b.length))).toBeGreaterThan(1);
      expect(Math.max(...recorder.batches.map((b) => b.length))).toBeLessThanOrEqual(4);
      expect(all[0]?.meta.key).toBe(uuidFor(1, 3));
      const [letter] = await harness.deadLetters(app, Topics.rulesChanged, 1);
      expect(letter?.errorCode).toBe('INVALID_MESSAGE');
    });

    it('should reject an invalid message at publish and never send it', async () => {
      const invalid = { ...control(8, 1), scanId: 'nope' };
      await expect(publisher.publish(Topics.scanControl, invalid)).rejects.toMatchObject({
        code: 'INVALID_MESSAGE',
      });
      await expect(
        publisher.publishMany([
          { topic: Topics.scanControl, message: control(8, 2) },
          { topic: Topics.scanControl, message: invalid },
        ]),
      ).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
      await publisher.publish(Topics.scanControl, control(8, 3));

      await waitFor('the valid message handled', () => recorder.handled.length >= 1);
      await sleep(200);
      expect(recorder.handled.map((h) => seqOf(h.message))).toEqual([3]);
      expect(await harness.deadLetterCount(app, Topics.scanControl)).toBe(0);
    });

    it('should stop within the shutdown timeout even when a handler is stuck retrying', async () => {
      recorder.behaviour = () => Promise.reject(new TransientError('DB_UNAVAILABLE', 'down'));
      await publisher.publish(Topics.scanControl, control(9, 1));
      await waitFor('the first attempt', () => recorder.handled.length >= 1);
      const started = Date.now();
      await app.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await harness.deadLetterCount(app, Topics.scanControl)).toBe(0);
    });
  });
}
