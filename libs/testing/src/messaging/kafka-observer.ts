// A test's window on a service running as its own process: publish to its input topics and
// collect what it emits, on the real broker, under the test's topic prefix.
import { encodeMessage, type MessageOf, type TopicDefinition } from '@palisade/contracts';
import { type Consumer, Kafka, type Producer } from 'kafkajs';
import { depsEnv } from '../deps/deps-env';

export interface KafkaObserver {
  /** Every message of a watched topic, parsed, in arrival order. */
  of<T extends TopicDefinition>(topic: T): MessageOf<T>[];
  /** Validates and publishes like a service would (key from the topic's definition). */
  publish<T extends TopicDefinition>(topic: T, message: MessageOf<T>): Promise<void>;
  stop(): Promise<void>;
}

export async function startKafkaObserver(options: {
  /** The KAFKA_TOPIC_PREFIX (and group prefix) the service under test runs with. */
  readonly prefix: string;
  readonly watch: readonly TopicDefinition[];
}): Promise<KafkaObserver> {
  const kafka = new Kafka({
    clientId: `${options.prefix}observer`,
    brokers: [depsEnv('PALISADE_KAFKA_BROKERS')],
    logLevel: 0,
  });
  const received = new Map<string, unknown[]>(options.watch.map((t) => [t.name, []]));
  const producer: Producer = kafka.producer();
  await producer.connect();
  const consumer: Consumer = kafka.consumer({
    groupId: `${options.prefix}observer`,
    sessionTimeout: 10_000,
  });
  await consumer.connect();
  await consumer.subscribe({
    topics: options.watch.map((t) => options.prefix + t.name),
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: ({ topic, message }) => {
      const list = received.get(topic.slice(options.prefix.length));
      list?.push(JSON.parse(message.value?.toString() ?? 'null') as unknown);
      return Promise.resolve();
    },
  });
  return {
    of: <T extends TopicDefinition>(topic: T) => (received.get(topic.name) ?? []) as MessageOf<T>[],
    async publish(topic, message) {
      const { key, value } = encodeMessage(topic, message);
      await producer.send({ topic: options.prefix + topic.name, messages: [{ key, value }] });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}
