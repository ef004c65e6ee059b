import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { type ScanControl, Topics } from '@palisade/contracts';
import { DLQ_HEADERS } from '../core/dead-letter';
import { MessageHandler } from '../core/message-handler.decorator';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { MessageTransport, Publisher } from '../core/publisher';
import { type MessageMeta } from '../core/types';
import { MessagingModule } from '../messaging.module';
import { KafkaTestKit, kafkaTestOptions, uniquePrefix } from '../testing/kafka-test-kit';
import { gate, uuidFor, waitFor } from '../testing/wait-for';
import { KafkaTransport } from './kafka-transport';

/** What the handler under test does with each message; set per test. */
@Injectable()
class Probe {
  readonly seen: { seq: number; meta: MessageMeta }[] = [];
  behaviour: (seq: number) => Promise<void> = () => Promise.resolve();
}

@Injectable()
class ControlConsumer {
  constructor(private readonly probe: Probe) {}

  @MessageHandler(Topics.scanControl, { concurrency: 5, group: 'scanner-control' })
  async handle(message: ScanControl, meta: MessageMeta): Promise<void> {
    const seq = Number(message.tenantId.slice(-12));
    this.probe.seen.push({ seq, meta });
    await this.probe.behaviour(seq);
  }
}

/** Every message its own key (its own scan id) unless `scan` is given. */
function control(seq: number, scan = seq): ScanControl {
  return {
    schemaVersion: 1,
    scanId: uuidFor(scan, 1),
    tenantId: uuidFor(seq, 2),
    action: 'cancel',
    requestedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function boot(
  options: MessagingModuleOptions,
): Promise<{ app: TestingModule; probe: Probe; publisher: Publisher }> {
  const app = await Test.createTestingModule({
    imports: [MessagingModule.forRoot(options)],
    providers: [Probe, ControlConsumer],
  }).compile();
  await app.init();
  return { app, probe: app.get(Probe), publisher: app.get(Publisher) };
}

describe('Kafka consumer runner on a real broker', () => {
  const apps: TestingModule[] = [];
  const gates: (() => void)[] = [];
  let kit: KafkaTestKit;
  let prefix: string;

  function options(overrides: Partial<MessagingModuleOptions> = {}): MessagingModuleOptions {
    return kafkaTestOptions(prefix, { provisioning: { defaultPartitions: 1 }, ...overrides });
  }

  async function start(
    overrides: Partial<MessagingModuleOptions> = {},
  ): Promise<{ app: TestingModule; probe: Probe; publisher: Publisher }> {
    const booted = await boot(options(overrides));
    apps.push(booted.app);
    return booted;
  }

  beforeEach(() => {
    prefix = uniquePrefix('consumer');
    kit = new KafkaTestKit(prefix);
  });

  afterEach(async () => {
    gates.splice(0).forEach((open) => open());
    for (const app of apps.splice(0)) {
      await app.close();
    }
    await kit.close();
  });

  const group = (): string => `${prefix}scanner-control`;
  const topic = (): string => kit.physical(Topics.scanControl);

  it('should put a poison message on the .dlq with the error headers and handle the next message', async () => {
    const { probe, publisher } = await start();
    await kit.sendRaw(topic(), {
      key: 'poison-key',
      value: '{"schemaVersion":1',
      headers: { 'x-trace-id': 'trace-42' },
    });
    await publisher.publish(Topics.scanControl, control(1));

    await waitFor('the next message handled', () => probe.seen.length === 1);
    const [letter] = await kit.read(`${topic()}.dlq`, 1);
    expect(letter?.key).toBe('poison-key');
    expect(letter?.value).toBe('{"schemaVersion":1');
    expect(letter?.headers).toMatchObject({
      'x-trace-id': 'trace-42',
      [DLQ_HEADERS.errorCode]: 'INVALID_MESSAGE',
      [DLQ_HEADERS.sourceTopic]: topic(),
      [DLQ_HEADERS.sourcePartition]: '0',
      [DLQ_HEADERS.sourceOffset]: '0',
    });
    expect(letter?.headers[DLQ_HEADERS.errorReason]).toMatch(/not JSON/);
    const failedAt = Date.parse(letter?.headers[DLQ_HEADERS.failedAt] ?? '');
    expect(Math.abs(Date.now() - failedAt)).toBeLessThan(60_000);
    expect(probe.seen.map((s) => s.meta.offset)).toEqual(['1']);
    await waitFor(
      'offset 2 committed',
      async () => (await kit.committed(group(), topic()))[0] === '2',
    );
  });

  it('should redeliver a message to the next consumer of the group when the first stopped before finishing it', async () => {
    const first = await start({ shutdownTimeoutMs: 300 });
    const blocked = gate();
    gates.push(blocked.open);
    first.probe.behaviour = () => blocked.promise;
    await first.publisher.publish(Topics.scanControl, control(1));
    await waitFor('the first consumer is handling it', () => first.probe.seen.length === 1);

    await first.app.close(); // the handler is still blocked: nothing may be committed
    apps.splice(apps.indexOf(first.app), 1);
    expect((await kit.committed(group(), topic()))[0]).toBe('-1');

    const second = await start();
    await waitFor('redelivery to the second consumer', () => second.probe.seen.length === 1);
    expect(second.probe.seen[0]?.seq).toBe(1);
    expect(second.probe.seen[0]?.meta.offset).toBe('0');
    await waitFor(
      'offset 1 committed',
      async () => (await kit.committed(group(), topic()))[0] === '1',
    );
  });

  it('should never commit past a slow message while later ones finish, and redeliver it after a kill', async () => {
    const first = await start({ shutdownTimeoutMs: 300 });
    await first.publisher.publish(Topics.scanControl, control(0));
    await waitFor(
      'warm-up committed',
      async () => (await kit.committed(group(), topic()))[0] === '1',
    );

    const slow = gate();
    gates.push(slow.open);
    first.probe.behaviour = (seq) => (seq === 1 ? slow.promise : Promise.resolve());
    await first.publisher.publishMany(
      [1, 2, 3, 4, 5].map((seq) => ({ topic: Topics.scanControl, message: control(seq) })),
    );
    await waitFor('2..5 done while 1 is in flight', () =>
      [2, 3, 4, 5].every((seq) => first.probe.seen.some((s) => s.seq === seq)),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time enough for a (wrong) commit
    expect(first.probe.seen.filter((s) => s.seq === 1)).toHaveLength(1);
    expect((await kit.committed(group(), topic()))[0]).toBe('1'); // message 1's offset: not past it

    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);
    expect((await kit.committed(group(), topic()))[0]).toBe('1');

    const second = await start();
    await waitFor('1 redelivered', () => second.probe.seen.some((s) => s.seq === 1));
    await waitFor('all of 1..5 handled after restart', () =>
      [1, 2, 3, 4, 5].every((seq) => second.probe.seen.some((s) => s.seq === seq)),
    );
    expect(second.probe.seen.some((s) => s.seq === 0)).toBe(false);
    await waitFor(
      'everything committed',
      async () => (await kit.committed(group(), topic()))[0] === '6',
    );
  });

  it('should keep its group membership and not redeliver while a handler outlives the session timeout', async () => {
    const { app, probe, publisher } = await start({
      kafka: { ...options().kafka!, sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 },
    });
    const transport = app.get<MessageTransport, KafkaTransport>(MessageTransport);
    probe.behaviour = (seq) =>
      seq === 1 ? new Promise((resolve) => setTimeout(resolve, 9_000)) : Promise.resolve();
    await publisher.publish(Topics.scanControl, control(1));
    await publisher.publish(Topics.scanControl, control(2));

    await waitFor(
      'the long handler finished and was committed',
      async () => (await kit.committed(group(), topic()))[0] === '2',
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(probe.seen.map((s) => s.seq).sort()).toEqual([1, 2]);
    expect(transport.consumerStats()).toEqual([
      expect.objectContaining({ groupId: group(), joins: 1 }),
    ]);
  }, 30_000);
});
