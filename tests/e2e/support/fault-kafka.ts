// A fault test's window on a fleet's broker (its own, private one): every record of the topics it
// watches, raw (bytes as text, headers), and a producer of arbitrary bytes — what a poison
// message is. The services' own clients validate everything; these deliberately do not.
import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';

export interface RawRecord {
  /** The physical topic (with the fleet's prefix). */
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TopicWatch {
  /** Every record of a watched physical topic so far, in arrival order. */
  records(topic: string): readonly RawRecord[];
  /** The parsed JSON values of a topic's records (records that are not JSON are left out). */
  values<T>(topic: string): T[];
  stop(): Promise<void>;
}

export interface RawProducer {
  send(topic: string, messages: readonly { key: string; value: string }[]): Promise<void>;
  close(): Promise<void>;
}

function kafkaOf(brokers: string): Kafka {
  return new Kafka({
    clientId: `fault-test-${randomUUID().slice(0, 8)}`,
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
}

function headerText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(headerText).join(',');
  return String(value);
}

/** Reads the topics from their beginning in a consumer group of its own, until stopped. */
export async function watchTopics(brokers: string, topics: readonly string[]): Promise<TopicWatch> {
  const received = new Map<string, RawRecord[]>(topics.map((t) => [t, []]));
  const consumer: Consumer = kafkaOf(brokers).consumer({
    groupId: `fault-watch-${randomUUID()}`,
    sessionTimeout: 10_000,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ topic, message }) => {
      received.get(topic)?.push({
        topic,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, headerText(v)]),
        ),
      });
      return Promise.resolve();
    },
  });
  return {
    records: (topic) => received.get(topic) ?? [],
    values<T>(topic: string): T[] {
      return (received.get(topic) ?? []).flatMap((r) => {
        try {
          return [JSON.parse(r.value ?? '') as T];
        } catch {
          return [];
        }
      });
    },
    stop: () => consumer.disconnect(),
  };
}

/** A producer that sends exactly the bytes it is given (no schema, no validation). */
export async function rawProducer(brokers: string): Promise<RawProducer> {
  const producer: Producer = kafkaOf(brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return {
    async send(topic, messages) {
      await producer.send({ topic, messages: messages.map((m) => ({ ...m })) });
    },
    close: () => producer.disconnect(),
  };
}
