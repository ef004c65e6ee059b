import { type RulesChanged, Topics } from '@palisade/contracts';
import { type DeadLetterRecord, type DeadLetterSink } from './dead-letter';
import { DeliveryProcessor } from './delivery-processor';
import { TransientError } from './errors';
import { type Delivered, type RawDelivery } from './types';

const TOPIC = Topics.rulesChanged;

function rule(seq: number): RulesChanged {
  return {
    schemaVersion: 1,
    tenantId: '00000000-0000-4000-8000-000000000001',
    ruleId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    change: 'created',
    at: '2026-01-01T00:00:00.000Z',
  };
}

function delivery(value: unknown, offset: number): RawDelivery {
  const headers = { 'x-origin': 'test' };
  return {
    key: 'k',
    value: typeof value === 'string' ? value : JSON.stringify(value),
    headers,
    meta: {
      topic: TOPIC.name,
      partition: 0,
      offset: String(offset),
      key: 'k',
      headers,
      timestamp: '0',
    },
  };
}

class RecordingSink implements DeadLetterSink {
  readonly records: DeadLetterRecord[] = [];
  failures = 0;

  deadLetter(record: DeadLetterRecord): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('broker down'));
    }
    this.records.push(record);
    return Promise.resolve();
  }
}

function processor(
  sink: DeadLetterSink,
  signal = new AbortController().signal,
): DeliveryProcessor<typeof TOPIC> {
  return new DeliveryProcessor(TOPIC, `${TOPIC.dlq}`, {
    sink,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    signal,
  });
}

const seqOf = (d: Delivered<RulesChanged>): number => Number(d.message.ruleId.slice(-12));

describe('DeliveryProcessor', () => {
  it('should dead-letter an invalid message with INVALID_MESSAGE and never call the handler', async () => {
    const sink = new RecordingSink();
    const handler = jest.fn(() => Promise.resolve());
    await expect(processor(sink).processOne(delivery({ nope: 1 }, 3), handler)).resolves.toBe(
      'done',
    );
    expect(handler).not.toHaveBeenCalled();
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      errorCode: 'INVALID_MESSAGE',
      sourceTopic: TOPIC.name,
      dlqTopic: TOPIC.dlq,
      sourceOffset: '3',
      key: 'k',
      value: '{"nope":1}',
      headers: { 'x-origin': 'test' },
    });
  });

  it('should keep retrying a failing dead-letter write rather than lose the message', async () => {
    const sink = new RecordingSink();
    sink.failures = 3;
    await expect(processor(sink).processOne(delivery('garbage', 1), jest.fn())).resolves.toBe(
      'done',
    );
    expect(sink.records).toHaveLength(1);
  });

  it('should give up a TransientError retry as aborted (not done) when the transport stops', async () => {
    const controller = new AbortController();
    const sink = new RecordingSink();
    const handler = jest.fn(() => {
      controller.abort();
      return Promise.reject(new TransientError('DB_UNAVAILABLE', 'down'));
    });
    await expect(
      processor(sink, controller.signal).processOne(delivery(rule(1), 1), handler),
    ).resolves.toBe('aborted');
    expect(sink.records).toHaveLength(0);
  });

  it('should not start a handler once the transport is stopping', async () => {
    const controller = new AbortController();
    controller.abort();
    const handler = jest.fn(() => Promise.resolve());
    await expect(
      processor(new RecordingSink(), controller.signal).processOne(delivery(rule(1), 1), handler),
    ).resolves.toBe('aborted');
    expect(handler).not.toHaveBeenCalled();
  });

  it('should dead-letter invalid batch members and hand the valid rest to the handler in one call', async () => {
    const sink = new RecordingSink();
    const calls: number[][] = [];
    const outcome = await processor(sink).processBatch(
      [delivery(rule(1), 1), delivery('{', 2), delivery(rule(3), 3)],
      (batch) => {
        calls.push(batch.map(seqOf));
        return Promise.resolve();
      },
    );
    expect(outcome).toBe('done');
    expect(calls).toEqual([[1, 3]]);
    expect(sink.records.map((r) => r.sourceOffset)).toEqual(['2']);
  });

  it('should narrow a permanently failing batch down to the failing message', async () => {
    const sink = new RecordingSink();
    const calls: number[][] = [];
    const outcome = await processor(sink).processBatch(
      [1, 2, 3].map((seq) => delivery(rule(seq), seq)),
      (batch) => {
        calls.push(batch.map(seqOf));
        return batch.some((d) => seqOf(d) === 2)
          ? Promise.reject(Object.assign(new Error('rule 2 is cursed'), { code: 'CURSED' }))
          : Promise.resolve();
      },
    );
    expect(outcome).toBe('done');
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(sink.records.map((r) => [r.sourceOffset, r.errorCode, r.errorReason])).toEqual([
      ['2', 'CURSED', 'rule 2 is cursed'],
    ]);
  });

  it('should retry a whole batch on TransientError', async () => {
    let failures = 2;
    const calls: number[][] = [];
    const outcome = await processor(new RecordingSink()).processBatch(
      [delivery(rule(1), 1), delivery(rule(2), 2)],
      (b) => {
        calls.push(b.map(seqOf));
        return failures-- > 0
          ? Promise.reject(new TransientError('THROTTLED', 'x'))
          : Promise.resolve();
      },
    );
    expect(outcome).toBe('done');
    expect(calls).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });
});
