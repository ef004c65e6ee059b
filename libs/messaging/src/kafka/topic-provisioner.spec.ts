import { ALL_TOPICS, Topics } from '@palisade/contracts';
import { TopicNames } from '../core/topic-names';
import { planTopics } from './topic-provisioner';

describe('planTopics', () => {
  it('should plan every topic and its .dlq with the definition partitions and replication 1', () => {
    const plan = planTopics(ALL_TOPICS, new TopicNames());
    expect(plan).toHaveLength(ALL_TOPICS.length * 2);
    expect(plan).toContainEqual({
      name: Topics.scanJobs.name,
      partitions: 12,
      replicationFactor: 1,
    });
    expect(plan).toContainEqual({
      name: Topics.scanJobs.dlq,
      partitions: 12,
      replicationFactor: 1,
    });
    expect(plan).toContainEqual({
      name: Topics.scanControl.name,
      partitions: 3,
      replicationFactor: 1,
    });
  });

  it('should apply the prefix, per-topic overrides and the replication factor option', () => {
    const plan = planTopics([Topics.scanJobs, Topics.rulesChanged], new TopicNames('t1.'), {
      replicationFactor: 3,
      partitions: { [Topics.scanJobs.name]: 24 },
    });
    expect(plan).toEqual([
      { name: `t1.${Topics.scanJobs.name}`, partitions: 24, replicationFactor: 3 },
      { name: `t1.${Topics.scanJobs.dlq}`, partitions: 24, replicationFactor: 3 },
      { name: `t1.${Topics.rulesChanged.name}`, partitions: 3, replicationFactor: 3 },
      { name: `t1.${Topics.rulesChanged.dlq}`, partitions: 3, replicationFactor: 3 },
    ]);
  });

  it('should let defaultPartitions override every definition', () => {
    const plan = planTopics(ALL_TOPICS, new TopicNames(), { defaultPartitions: 2 });
    expect(new Set(plan.map((t) => t.partitions))).toEqual(new Set([2]));
  });
});
