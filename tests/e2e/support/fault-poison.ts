// Poison messages for every topic of the contract: bytes that are not JSON, JSON of the wrong
// shape, and a message valid in every field but its schemaVersion (a producer from a future
// generation). Each carries a key of its own so its dead letter can be found.
import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type TopicKey, Topics } from '@palisade/contracts';
import { type z } from 'zod';

type InputOf<K extends TopicKey> = z.input<(typeof Topics)[K]['schema']>;

export type PoisonKind = 'not-json' | 'wrong-schema' | 'wrong-version';

export interface Poison {
  readonly topic: TopicKey;
  readonly kind: PoisonKind;
  readonly key: string;
  readonly value: string;
  /** What the dead letter's reason must say. */
  readonly reason: RegExp;
}

const TENANT = randomUUID();
const SCAN = randomUUID();
const JOB = randomUUID();
const ACCOUNT = '210987654321';
const AT = '2026-11-28T10:00:00.000Z';

/** A message of each topic that its schema accepts (the test checks it does). */
export const VALID_SAMPLES: { readonly [K in TopicKey]: InputOf<K> } = {
  scanRequested: {
    schemaVersion: SCHEMA_VERSION,
    scanId: SCAN,
    tenantId: TENANT,
    sourceId: randomUUID(),
    trigger: { kind: 'api' },
    requestedAt: AT,
  },
  scanJobs: {
    schemaVersion: SCHEMA_VERSION,
    jobId: JOB,
    scanId: SCAN,
    tenantId: TENANT,
    sourceId: randomUUID(),
    scope: 'account',
    sourceKind: 'organization',
    accountId: ACCOUNT,
    roleChain: [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole` }],
    regions: ['us-east-1'],
    checks: ['iam_password_policy_minimum_length'],
    issuedAt: AT,
  },
  scanControl: {
    schemaVersion: SCHEMA_VERSION,
    scanId: SCAN,
    tenantId: TENANT,
    action: 'cancel',
    requestedAt: AT,
  },
  findingsRaw: {
    schemaVersion: SCHEMA_VERSION,
    tenantId: TENANT,
    scanId: SCAN,
    jobId: JOB,
    accountId: ACCOUNT,
    batchSeq: 0,
    producedAt: AT,
    kind: 'check-results',
    results: [
      {
        checkId: 'iam_password_policy_minimum_length',
        status: 'FAIL',
        region: 'global',
        resourceUid: `arn:aws:iam::${ACCOUNT}:account`,
        resourceType: 'AwsAccount',
        message: 'no password policy',
      },
    ],
  },
  scanJobEvents: {
    schemaVersion: SCHEMA_VERSION,
    tenantId: TENANT,
    scanId: SCAN,
    jobId: JOB,
    accountId: ACCOUNT,
    at: AT,
    type: 'started',
    worker: 'poison:1',
  },
  rulesChanged: {
    schemaVersion: SCHEMA_VERSION,
    tenantId: TENANT,
    ruleId: randomUUID(),
    change: 'created',
    at: AT,
  },
  findingsChanged: {
    schemaVersion: SCHEMA_VERSION,
    tenantId: TENANT,
    findingUid: 'a'.repeat(64),
    change: 'new',
    accountId: ACCOUNT,
    region: 'global',
    severity: 'high',
    at: AT,
  },
  scanLifecycle: {
    schemaVersion: SCHEMA_VERSION,
    tenantId: TENANT,
    scanId: SCAN,
    status: 'completed',
    counts: {
      accountsDone: 1,
      accountsFailed: 0,
      accountsSkipped: 0,
      findingsNew: 1,
      findingsResolved: 0,
      findingsReopened: 0,
    },
    at: AT,
  },
};

/** Three poison messages per topic of the contract. */
export function poisonMessages(): Poison[] {
  const nonce = randomUUID().slice(0, 8);
  return (Object.keys(Topics) as TopicKey[]).flatMap((topic) => {
    const key = (kind: PoisonKind) => `poison-${nonce}-${topic}-${kind}`;
    return [
      {
        topic,
        kind: 'not-json' as const,
        key: key('not-json'),
        value: `{"schemaVersion":1, this is not JSON`,
        reason: /not JSON/,
      },
      {
        topic,
        kind: 'wrong-schema' as const,
        key: key('wrong-schema'),
        value: JSON.stringify({ schemaVersion: SCHEMA_VERSION, hello: 'world' }),
        // Invalid fields are named after the topic; the bytes themselves parsed.
        reason: new RegExp(`^${Topics[topic].name.replace(/\./g, '\\.')}: (?!not JSON)`),
      },
      {
        topic,
        kind: 'wrong-version' as const,
        key: key('wrong-version'),
        value: JSON.stringify({ ...VALID_SAMPLES[topic], schemaVersion: SCHEMA_VERSION + 1 }),
        reason: /schemaVersion/,
      },
    ];
  });
}
