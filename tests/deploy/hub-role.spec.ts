import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_TOPICS } from '@palisade/contracts';

// deploy/aws/hub-role.yaml grants MSK IAM access by name pattern, not by listing topics: a topic
// or consumer group named outside the pattern would be refused by MSK in production only.
const HUB_ROLE = readFileSync(resolve(__dirname, '../../deploy/aws/hub-role.yaml'), 'utf8');

describe('deploy/aws/hub-role.yaml with MSK IAM', () => {
  it('should cover every topic, its dead-letter topic and every consumer group Palisade uses', () => {
    const topicPattern = /:topic\/\$\{Cluster\}\/\$\{KafkaTopicPrefix\}(\S+)\*\n/.exec(
      HUB_ROLE,
    )?.[1];
    const groupPattern = /:group\/\$\{Cluster\}\/\$\{KafkaGroupPrefix\}(\S+)\*\n/.exec(
      HUB_ROLE,
    )?.[1];
    expect([topicPattern, groupPattern]).toEqual(['palisade.', 'palisade-']);
    for (const topic of ALL_TOPICS) {
      expect([topic.name, topic.dlq].filter((name) => !name.startsWith('palisade.'))).toEqual([]);
      for (const { group } of topic.consumers) expect(group).toMatch(/^palisade-/);
    }
  });

  it('should grant Kafka nothing unless a cluster is named', () => {
    expect(HUB_ROLE).toContain("UsesMskIam: !Not [!Equals [!Ref MskClusterArn, '']]");
    expect(HUB_ROLE).toMatch(/- !If\n\s+- UsesMskIam\n\s+- PolicyName: PalisadeMskIam\n/);
    expect(HUB_ROLE).toMatch(/ {10}- !Ref AWS::NoValue\n/);
  });
});
