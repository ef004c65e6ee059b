/**
 * kafkajs 2.2.4 (no release since 2023) against the Kafka broker the project runs (4.4.0):
 * every protocol path Palisade uses, proven by running it. If one of these fails, the fallback
 * is a 3.9.x broker (PALISADE_KAFKA_VERSION).
 */
import { Controller, type INestMicroservice } from '@nestjs/common';
import {
  type ClientKafka,
  ClientProxyFactory,
  EventPattern,
  Payload,
  Transport,
} from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { brokersFromEnv } from '../testing/kafka-test-kit';
import { waitFor } from '../testing/wait-for';
import { kafkaLogCreator } from './kafka-logger';

const brokers = brokersFromEnv();
const id = randomUUID().slice(0, 8);
const kafka = new Kafka({
  clientId: `compat-${id}`,
  brokers,
  logLevel: logLevel.WARN,
  logCreator: kafkaLogCreator('Compat'),
});

describe('kafkajs 2.2.4 against the project Kafka broker', () => {
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  it('should describe the cluster, create a topic, produce idempotently, join a group and commit', async () => {
    const topic = `compat-${id}-raw`;
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.length).toBeGreaterThanOrEqual(1);

    await expect(
      admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true }),
    ).resolves.toBe(true);
    await expect(
      admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true }),
    ).resolves.toBe(false);
    expect(
      (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions,
    ).toHaveLength(2);

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const [ack] = await waitFor('a produce the new leader accepts', () =>
      producer
        .send({ topic, acks: -1, messages: [{ key: 'k', value: 'v', headers: { h: '1' } }] })
        .catch(() => undefined),
    );
    expect(ack?.errorCode).toBe(0);
    await producer.disconnect();

    const groupId = `compat-${id}-group`;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 200,
    });
    let joins = 0;
    consumer.on(consumer.events.GROUP_JOIN, () => (joins += 1));
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push(
          `${message.key?.toString()}=${message.value?.toString()} h=${message.headers?.h?.toString()}`,
        );
        await consumer.commitOffsets([
          { topic, partition, offset: String(Number(message.offset) + 1) },
        ]);
      },
    });
    await waitFor('the message consumed', () => received.length === 1);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await consumer.disconnect();

    expect(received).toEqual(['k=v h=1']);
    expect(joins).toBe(1);
    expect(offsets?.partitions.find((p) => p.partition === ack?.partition)?.offset).toBe('1');
    const groups = await admin.describeGroups([groupId]);
    expect(groups.groups[0]?.protocolType).toBe('consumer');
  });

  it('should carry a NestJS ClientKafka.emit to an @EventPattern handler over Transport.KAFKA', async () => {
    const topic = `compat-${id}-nest`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const received: unknown[] = [];

    @Controller()
    class CompatController {
      @EventPattern(topic)
      handle(@Payload() payload: unknown): void {
        received.push(payload);
      }
    }

    const moduleRef = await Test.createTestingModule({ controllers: [CompatController] }).compile();
    const server: INestMicroservice = moduleRef.createNestMicroservice({
      transport: Transport.KAFKA,
      options: {
        client: {
          clientId: `compat-${id}`,
          brokers,
          logLevel: logLevel.WARN,
          logCreator: kafkaLogCreator('CompatServer'),
        },
        consumer: {
          groupId: `compat-${id}-nest`,
          sessionTimeout: 6000,
          heartbeatInterval: 1000,
          maxWaitTimeInMs: 200,
        },
        subscribe: { fromBeginning: true },
      },
    });
    await server.listen();
    const client = ClientProxyFactory.create({
      transport: Transport.KAFKA,
      options: {
        client: {
          clientId: `compat-${id}-client`,
          brokers,
          logLevel: logLevel.WARN,
          logCreator: kafkaLogCreator('CompatClient'),
        },
        producer: { createPartitioner: Partitioners.DefaultPartitioner },
        producerOnlyMode: true,
      },
    }) as ClientKafka;
    try {
      await client.connect();
      await waitFor('the emit acknowledged', () =>
        lastValueFrom(client.emit(topic, { key: 'scan-1', value: { hello: 'palisade' } })).then(
          () => true,
          () => undefined,
        ),
      );
      await waitFor('the @EventPattern handler called', () => received.length === 1);
      expect(received).toEqual([{ hello: 'palisade' }]);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
