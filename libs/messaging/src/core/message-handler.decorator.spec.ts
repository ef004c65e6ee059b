import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { type ScanControl, type ScanJob, Topics } from '@palisade/contracts';
import { assertUniqueHandlers, type HandlerRegistration } from './handler-registration';
import { MessageHandler } from './message-handler.decorator';
import { MessagingExplorer } from './messaging-explorer';
import { MESSAGING_OPTIONS, type MessagingModuleOptions } from './messaging-options';
import { type Delivered, type MessageMeta } from './types';
import { DiscoveryModule } from '@nestjs/core';

@Injectable()
class ScannerHandlers {
  readonly calls: string[] = [];

  @MessageHandler(Topics.scanJobs, { concurrency: 4 })
  run(job: ScanJob): Promise<void> {
    this.calls.push(job.accountId);
    return Promise.resolve();
  }

  @MessageHandler(Topics.scanControl)
  cancel(message: ScanControl): Promise<void> {
    this.calls.push(message.scanId);
    return Promise.resolve();
  }

  @MessageHandler(Topics.rulesChanged, {
    groupSuffix: 'replay',
    batch: { maxSize: 10, maxWaitMs: 5 },
  })
  rules(batch: readonly Delivered<unknown>[]): Promise<void> {
    this.calls.push(String(batch.length));
    return Promise.resolve();
  }
}

/** Compile-time contract: the method's message type must match the topic's schema. */
class MismatchedHandler {
  // @ts-expect-error a scan.jobs handler must take a ScanJob, not a ScanControl
  @MessageHandler(Topics.scanJobs)
  wrong(message: ScanControl): Promise<void> {
    return Promise.resolve(void message);
  }

  // @ts-expect-error a batch handler takes an array of deliveries
  @MessageHandler(Topics.scanJobs, { batch: { maxSize: 2, maxWaitMs: 1 } })
  notBatch(job: ScanJob): Promise<void> {
    return Promise.resolve(void job);
  }
}

void MismatchedHandler;

async function explore(
  options: Partial<MessagingModuleOptions> = {},
): Promise<HandlerRegistration[]> {
  return (await compile(options)).get(MessagingExplorer).explore();
}

async function compile(options: Partial<MessagingModuleOptions> = {}): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      ScannerHandlers,
      MessagingExplorer,
      {
        provide: MESSAGING_OPTIONS,
        useValue: { transport: 'in-process', clientId: 't', ...options },
      },
    ],
  }).compile();
}

describe('@MessageHandler discovery', () => {
  it('should find every decorated method with its topic, group and options', async () => {
    const found = await explore({ groupPrefix: 'p.' });
    const byName = Object.fromEntries(found.map((r) => [r.name, r]));
    expect(byName['ScannerHandlers.run']).toMatchObject({
      topic: Topics.scanJobs,
      group: 'p.palisade-scanner',
      concurrency: 4,
      kind: 'single',
    });
    expect(byName['ScannerHandlers.rules']).toMatchObject({
      group: 'p.palisade-normaliser-rules-replay',
      kind: 'batch',
      batch: { maxSize: 10, maxWaitMs: 5 },
      concurrency: 1,
    });
  });

  it('should take a handler concurrency from the module options when they name its topic', async () => {
    const found = await explore({ concurrency: { [Topics.scanJobs.name]: 9 } });
    const concurrencyOf = (name: string) => found.find((r) => r.name === name)?.concurrency;
    expect(concurrencyOf('ScannerHandlers.run')).toBe(9);
    expect(concurrencyOf('ScannerHandlers.cancel')).toBe(1);
  });

  it('should take a batch size from the module options when they name its topic', async () => {
    const found = await explore({
      batch: {
        [Topics.rulesChanged.name]: { maxSize: 40, maxWaitMs: 50 },
        [Topics.scanJobs.name]: { maxSize: 7, maxWaitMs: 1 },
      },
    });
    const rules = found.find((r) => r.name === 'ScannerHandlers.rules');
    expect(rules?.kind === 'batch' && rules.batch).toEqual({ maxSize: 40, maxWaitMs: 50 });
    // A one-at-a-time handler stays one at a time.
    expect(found.find((r) => r.name === 'ScannerHandlers.run')?.kind).toBe('single');
  });

  it('should give a broadcast topic one group per process instance', async () => {
    const [a, b] = await Promise.all([explore(), explore()]);
    const groupA = a.find((r) => r.topic === Topics.scanControl)?.group;
    const groupB = b.find((r) => r.topic === Topics.scanControl)?.group;
    expect(groupA).toMatch(/^palisade-scanner-control-[0-9a-f]{8}$/);
    expect(groupA).not.toBe(groupB);
  });

  it('should call the method bound to its provider instance', async () => {
    const app = await compile();
    const run = app
      .get(MessagingExplorer)
      .explore()
      .find((r) => r.name === 'ScannerHandlers.run');
    if (run?.kind !== 'single') throw new Error('expected a single-message handler');
    await run.handle({ accountId: '123456789012' }, {} as MessageMeta);
    expect(app.get(ScannerHandlers).calls).toEqual(['123456789012']);
  });

  it('should refuse two handlers of one topic in one group', () => {
    const one = {
      topic: Topics.scanJobs,
      group: 'g',
      concurrency: 1,
      kind: 'single',
      handle: () => Promise.resolve(),
    } as const;
    expect(() =>
      assertUniqueHandlers([
        { ...one, name: 'A.run' },
        { ...one, name: 'B.run' },
      ]),
    ).toThrow(/A.run and B.run both consume palisade.scan.jobs.v1 in group g/);
    expect(() =>
      assertUniqueHandlers([
        { ...one, name: 'A.run' },
        { ...one, name: 'B.run', group: 'h' },
      ]),
    ).not.toThrow();
  });
});
