import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthRegistry } from '@palisade/observability';
import { DLQ_HEADERS } from '../core/dead-letter';
import { MessagingModule } from '../messaging.module';
import { KafkaTransport } from './kafka-transport';
import { KafkaTestKit, kafkaTestOptions, uniquePrefix } from '../testing/kafka-test-kit';
import { describeTransportContract, type TransportHarness } from '../testing/transport-contract';

function kafkaHarness(): TransportHarness {
  const prefix = uniquePrefix('contract');
  const kit = new KafkaTestKit(prefix);
  const names = kit.names();
  return {
    options: kafkaTestOptions(prefix),
    sendRaw: (_app, topic, raw) => kit.sendRaw(names.topic(topic), raw),
    deadLetters: async (_app, topic, atLeast) => {
      const read = await kit.read(names.dlq(topic), atLeast);
      return read.map((m) => ({
        key: m.key,
        value: m.value,
        headers: m.headers,
        errorCode: m.headers[DLQ_HEADERS.errorCode] ?? '',
        errorReason: m.headers[DLQ_HEADERS.errorReason] ?? '',
        sourceTopic: m.headers[DLQ_HEADERS.sourceTopic] ?? '',
      }));
    },
    deadLetterCount: (_app, topic) => kit.count(names.dlq(topic)),
    cleanup: () => kit.close(),
  };
}

describeTransportContract('kafka', kafkaHarness);

describe('Kafka transport readiness', () => {
  it('should register a "kafka" readiness check that passes against the broker', async () => {
    const registry = new HealthRegistry({ checkTimeoutMs: 5_000 });
    @Global()
    @Module({
      providers: [{ provide: HealthRegistry, useValue: registry }],
      exports: [HealthRegistry],
    })
    class ObservabilityStandIn {}
    const app = await Test.createTestingModule({
      imports: [
        ObservabilityStandIn,
        MessagingModule.forRoot({
          ...kafkaTestOptions(uniquePrefix('ready')),
          provisioning: { enabled: false },
        }),
      ],
    }).compile();
    await app.init();
    try {
      await expect(registry.readiness()).resolves.toEqual({
        status: 'ok',
        checks: { kafka: { status: 'ok' } },
      });
    } finally {
      await app.close();
    }
  });

  it('should fail ping with BROKER_UNAVAILABLE, within its timeout, when no broker answers', async () => {
    const transport = new KafkaTransport({
      transport: 'kafka',
      clientId: 'ping',
      kafka: { brokers: ['127.0.0.1:9'], logLevel: 'nothing' },
    });
    const started = Date.now();
    await expect(transport.ping(500)).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await transport.close();
  });
});
