import { ALL_TOPICS, Topics, topicByName } from './topics';

describe('the topic table', () => {
  it('should hold the eight topics of the architecture, each versioned', () => {
    expect(ALL_TOPICS.map((t) => t.name).sort()).toEqual([
      'palisade.findings.changed.v1',
      'palisade.findings.raw.v1',
      'palisade.rules.changed.v1',
      'palisade.scan.control.v1',
      'palisade.scan.job-events.v1',
      'palisade.scan.jobs.v1',
      'palisade.scan.lifecycle.v1',
      'palisade.scan.requested.v1',
    ]);
  });

  it('should give every topic a dead-letter topic named <topic>.dlq', () => {
    for (const topic of ALL_TOPICS) {
      expect(topic.dlq).toBe(`${topic.name}.dlq`);
    }
  });

  it('should key raw findings and job events by account so a job stays on one partition', () => {
    const accountId = '123456789012';
    const common = {
      schemaVersion: 1 as const,
      tenantId: '7f5b8b6e-3c1a-4c4e-9a4f-1d2e3f4a5b6c',
      scanId: '0d9c8b7a-6f5e-4d3c-8b2a-190817161514',
      jobId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
      accountId,
    };
    expect(
      Topics.findingsRaw.key({
        ...common,
        kind: 'check-results',
        batchSeq: 0,
        producedAt: '2026-11-28T10:00:00Z',
        results: [],
      }),
    ).toBe(accountId);
    expect(
      Topics.scanJobEvents.key({
        ...common,
        type: 'started',
        worker: 'w1',
        at: '2026-11-28T10:00:00Z',
      }),
    ).toBe(accountId);
    expect(Topics.findingsRaw.partitions).toBe(Topics.scanJobEvents.partitions);
  });

  it('should find a topic by its name and nothing for an unknown one', () => {
    expect(topicByName('palisade.scan.jobs.v1')).toBe(Topics.scanJobs);
    expect(topicByName('palisade.scan.jobs.v2')).toBeUndefined();
  });
});
