// A Publisher that validates every message like the real transports and keeps them in order:
// what a service emitted, for tests of the service's own logic.
import { type MessageOf, type TopicDefinition, encodeMessage } from '@palisade/contracts';
import { type PublishEntry, Publisher } from '@palisade/messaging';

export interface CapturedMessage {
  readonly topic: string;
  readonly key: string;
  readonly message: unknown;
}

export class CapturingPublisher extends Publisher {
  readonly messages: CapturedMessage[] = [];

  publish<T extends TopicDefinition>(topic: T, message: MessageOf<T>): Promise<void> {
    const { key } = encodeMessage(topic, message);
    this.messages.push({ topic: topic.name, key, message });
    return Promise.resolve();
  }

  async publishMany(entries: readonly PublishEntry[]): Promise<void> {
    for (const e of entries) await this.publish(e.topic, e.message);
  }

  /** The messages of one topic, typed. */
  of<T extends TopicDefinition>(topic: T): MessageOf<T>[] {
    return this.messages
      .filter((m) => m.topic === topic.name)
      .map((m) => m.message as MessageOf<T>);
  }

  clear(): void {
    this.messages.length = 0;
  }
}
