import { type TopicDefinition } from '@palisade/contracts';

/** Physical names: the configured prefix in front of every topic, `.dlq` and group. */
export class TopicNames {
  constructor(
    private readonly topicPrefix = '',
    private readonly groupPrefix = '',
  ) {}

  topic(topic: TopicDefinition): string {
    return `${this.topicPrefix}${topic.name}`;
  }

  dlq(topic: TopicDefinition): string {
    return `${this.topicPrefix}${topic.dlq}`;
  }

  group(group: string): string {
    return `${this.groupPrefix}${group}`;
  }
}
