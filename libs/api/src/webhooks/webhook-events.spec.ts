import { type FindingsChanged, type ScanLifecycle } from '@palisade/contracts';
import {
  EVENT_CATALOGUE,
  eventBody,
  exampleEvent,
  findingEvent,
  pingEvent,
  scanEvent,
  WEBHOOK_EVENT_TYPES,
} from './webhook-events';

const TENANT = '6a3f1c2e-9b8d-4e7f-a1c2-3d4e5f6a7b8c';
const SCAN = '0f8e4c1a-6b1d-4c57-9d3e-2a7f5b9c1e42';

const finding = (over: Partial<FindingsChanged> = {}): FindingsChanged => ({
  schemaVersion: 1,
  tenantId: TENANT,
  findingUid: 'a'.repeat(64),
  change: 'new',
  accountId: '123456789012',
  region: 'eu-west-1',
  checkId: 'iam_root_mfa_enabled',
  severity: 'critical',
  scanId: SCAN,
  at: '2026-03-01T12:00:00.000Z',
  ...over,
});

const scan = (over: Partial<ScanLifecycle> = {}): ScanLifecycle => ({
  schemaVersion: 1,
  tenantId: TENANT,
  scanId: SCAN,
  status: 'completed_with_errors',
  counts: {
    accountsDone: 9,
    accountsFailed: 1,
    accountsSkipped: 2,
    findingsNew: 30,
    findingsResolved: 4,
    findingsReopened: 0,
  },
  at: '2026-03-01T12:30:00+00:00',
  ...over,
});

describe('webhook events', () => {
  it('should map a findings.changed message to the documented finding event', () => {
    const event = findingEvent(finding({ change: 'reopened', checkId: undefined }));
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/) as string,
      type: 'finding.reopened',
      schemaVersion: 1,
      occurredAt: '2026-03-01T12:00:00.000Z',
      tenantId: TENANT,
      data: {
        findingUid: 'a'.repeat(64),
        accountId: '123456789012',
        region: 'eu-west-1',
        checkId: null,
        severity: 'critical',
        scanId: SCAN,
      },
    });
    expect(EVENT_CATALOGUE['finding.reopened'].schema.safeParse(event).success).toBe(true);
  });

  it('should give a redelivered message the same event id, and another change another one', () => {
    const id = findingEvent(finding()).id;
    expect(findingEvent(finding()).id).toBe(id);
    expect(findingEvent(finding({ change: 'resolved' })).id).not.toBe(id);
    expect(findingEvent(finding({ at: '2026-03-02T12:00:00.000Z' })).id).not.toBe(id);
    expect(findingEvent(finding({ findingUid: 'b'.repeat(64) })).id).not.toBe(id);
    expect(findingEvent(finding({ tenantId: '00000000-0000-4000-8000-000000000001' })).id).not.toBe(
      id,
    );
  });

  it('should map a scan.lifecycle message to the scan event of its status', () => {
    const event = scanEvent(scan());
    expect(event).toMatchObject({
      type: 'scan.completed_with_errors',
      schemaVersion: 1,
      occurredAt: '2026-03-01T12:30:00.000Z',
      tenantId: TENANT,
      data: { scanId: SCAN, status: 'completed_with_errors', counts: scan().counts },
    });
    expect(scanEvent(scan()).id).toBe(event.id);
    expect(scanEvent(scan({ status: 'failed' })).id).not.toBe(event.id);
    expect(EVENT_CATALOGUE['scan.completed_with_errors'].schema.safeParse(event).success).toBe(
      true,
    );
  });

  it('should catalogue every subscribable type and ping, each example valid for its schema', () => {
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...WEBHOOK_EVENT_TYPES, 'ping'].sort());
    for (const [type, entry] of Object.entries(EVENT_CATALOGUE)) {
      const example = exampleEvent(type as keyof typeof EVENT_CATALOGUE);
      expect(example.type).toBe(type);
      expect(entry.schema.safeParse(example).error).toBeUndefined();
    }
    // A body of another type does not pass: the type is a literal of each schema.
    expect(
      EVENT_CATALOGUE['scan.failed'].schema.safeParse(exampleEvent('scan.cancelled')).success,
    ).toBe(false);
  });

  it('should send the body with its keys in the documented order, whatever jsonb did to them', () => {
    const event = findingEvent(finding());
    const shuffled = JSON.parse(
      JSON.stringify({
        data: { ...event.data },
        type: event.type,
        tenantId: event.tenantId,
        id: event.id,
        occurredAt: event.occurredAt,
        schemaVersion: 1,
      }),
    ) as unknown;
    const body = eventBody(shuffled, event.type);
    expect(body).toBe(JSON.stringify(event));
    expect(Object.keys(JSON.parse(body) as object)).toEqual([
      'id',
      'type',
      'schemaVersion',
      'occurredAt',
      'tenantId',
      'data',
    ]);
  });

  it('should give every ping its own id', () => {
    const webhook = '3c9b2d4e-5f60-4a1b-8c7d-9e0f1a2b3c4d';
    const a = pingEvent(TENANT, webhook);
    expect(a).toMatchObject({ type: 'ping', tenantId: TENANT, data: { webhookId: webhook } });
    expect(pingEvent(TENANT, webhook).id).not.toBe(a.id);
    expect(EVENT_CATALOGUE.ping.schema.safeParse(a).success).toBe(true);
  });
});
