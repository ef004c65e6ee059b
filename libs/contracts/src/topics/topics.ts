import { findingsChangedSchema } from '../messages/findings-changed';
import { findingsRawSchema } from '../messages/findings-raw';
import { rulesChangedSchema } from '../messages/rules-changed';
import { scanControlSchema } from '../messages/scan-control';
import { scanJobSchema } from '../messages/scan-job';
import { scanJobEventSchema } from '../messages/scan-job-event';
import { scanLifecycleSchema } from '../messages/scan-lifecycle';
import { scanRequestedSchema } from '../messages/scan-requested';
import { defineTopic, type TopicDefinition } from './topic-definition';

/** The topic table of docs/architecture.md. */
export const Topics = {
  scanRequested: defineTopic({
    name: 'palisade.scan.requested.v1',
    schema: scanRequestedSchema,
    key: (m) => m.tenantId,
    partitions: 3,
    consumers: [{ group: 'palisade-discovery', broadcast: false }],
    description: 'A scan to run: from the api (outbox) or a schedule firing.',
  }),
  scanJobs: defineTopic({
    name: 'palisade.scan.jobs.v1',
    schema: scanJobSchema,
    key: (m) => m.accountId,
    partitions: 12,
    consumers: [{ group: 'palisade-scanner', broadcast: false }],
    description: 'One job per account (plus one organization job) of a scan.',
  }),
  scanControl: defineTopic({
    name: 'palisade.scan.control.v1',
    schema: scanControlSchema,
    key: (m) => m.scanId,
    partitions: 3,
    consumers: [{ group: 'palisade-scanner-control', broadcast: true }],
    description: 'Cancel a scan: every scanner instance hears it.',
  }),
  findingsRaw: defineTopic({
    name: 'palisade.findings.raw.v1',
    schema: findingsRawSchema,
    key: (m) => m.accountId,
    partitions: 12,
    consumers: [{ group: 'palisade-normaliser', broadcast: false }],
    description: 'A batch of check results or Inspector2 findings of one job.',
  }),
  scanJobEvents: defineTopic({
    name: 'palisade.scan.job-events.v1',
    schema: scanJobEventSchema,
    key: (m) => m.accountId,
    partitions: 12,
    consumers: [{ group: 'palisade-normaliser-jobs', broadcast: false }],
    description: 'Job started / progress / finished / skipped / failed.',
  }),
  rulesChanged: defineTopic({
    name: 'palisade.rules.changed.v1',
    schema: rulesChangedSchema,
    key: (m) => m.tenantId,
    partitions: 3,
    consumers: [{ group: 'palisade-normaliser-rules', broadcast: false }],
    description: 'A suppression rule was created, changed or deleted.',
  }),
  findingsChanged: defineTopic({
    name: 'palisade.findings.changed.v1',
    schema: findingsChangedSchema,
    key: (m) => m.tenantId,
    partitions: 3,
    consumers: [{ group: 'palisade-api-webhooks', broadcast: false }],
    description: 'A finding became new, resolved, reopened or suppressed.',
  }),
  scanLifecycle: defineTopic({
    name: 'palisade.scan.lifecycle.v1',
    schema: scanLifecycleSchema,
    key: (m) => m.tenantId,
    partitions: 3,
    consumers: [{ group: 'palisade-api-webhooks', broadcast: false }],
    description: 'A scan closed, with its counts.',
  }),
} as const;

export type TopicKey = keyof typeof Topics;
export type AnyTopic = (typeof Topics)[TopicKey];

export const ALL_TOPICS: readonly TopicDefinition[] = Object.values(Topics);

export function topicByName(name: string): TopicDefinition | undefined {
  return ALL_TOPICS.find((t) => t.name === name);
}
