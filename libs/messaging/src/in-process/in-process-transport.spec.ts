import { type TopicDefinition } from '@palisade/contracts';
import { type TestingModule } from '@nestjs/testing';
import { InMemoryDeadLetterStore } from '../core/dead-letter';
import { MessageTransport } from '../core/publisher';
import { TopicNames } from '../core/topic-names';
import { type RawMessage } from '../core/types';
import { describeTransportContract, type TransportHarness } from '../testing/transport-contract';
import { waitFor } from '../testing/wait-for';
import { InProcessTransport } from './in-process-transport';

jest.setTimeout(20_000);

function inProcessHarness(): TransportHarness {
  const store = new InMemoryDeadLetterStore();
  const names = new TopicNames('ip.');
  const transport = (app: TestingModule): InProcessTransport => {
    const t = app.get(MessageTransport);
    if (!(t instanceof InProcessTransport)) throw new Error('not the in-process transport');
    return t;
  };
  return {
    options: {
      transport: 'in-process',
      clientId: 'contract',
      topicPrefix: 'ip.',
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
      shutdownTimeoutMs: 1000,
      inProcess: { deadLetterStore: store, laneCapacity: 8 },
    },
    sendRaw: (app: TestingModule, topic: TopicDefinition, raw: RawMessage) =>
      transport(app).deliverRaw(topic, raw),
    deadLetters: async (_app, topic, atLeast) => {
      const records = await waitFor(`${atLeast} dead letters`, async () => {
        const list = await store.list(names.topic(topic));
        return list.length >= atLeast ? list : undefined;
      });
      return records.map((r) => ({
        key: r.key,
        value: r.value,
        headers: r.headers,
        errorCode: r.errorCode,
        errorReason: r.errorReason,
        sourceTopic: r.sourceTopic,
      }));
    },
    deadLetterCount: async (_app, topic) => (await store.list(names.topic(topic))).length,
    cleanup: () => Promise.resolve(),
  };
}

describeTransportContract('in-process', inProcessHarness);
