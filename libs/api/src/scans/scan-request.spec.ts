import { scanRequestedSchema } from '@palisade/contracts';
import { requestView, sameScanRequest, scanRequestedMessage } from './scan-request';
import { type CreateScanBody } from './scans.dto';

const SOURCE = '5f0c4b1e-6a43-4d5e-9b1c-2a7e3f8d9c10';
const OTHER_SOURCE = '6a1d5c2f-7b54-4e6f-8c2d-3b8f4a9e0d21';

describe('scanRequestedMessage', () => {
  it('builds a valid scan.requested carrying the selection, the key and the asking key id', () => {
    const message = scanRequestedMessage({
      scanId: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
      tenantId: '9c8b7a65-4321-4fed-8cba-0987654321fe',
      apiKeyId: 'abcdefghij012345',
      body: { sourceId: SOURCE, accountIds: ['123456789012'], regions: ['eu-west-1'] },
      idempotencyKey: 'nightly',
      requestedAt: new Date('2026-11-28T23:00:00.000Z'),
    });
    expect(scanRequestedSchema.parse(message)).toEqual({
      schemaVersion: 1,
      scanId: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
      tenantId: '9c8b7a65-4321-4fed-8cba-0987654321fe',
      sourceId: SOURCE,
      trigger: { kind: 'api', apiKeyId: 'abcdefghij012345' },
      scope: { accountIds: ['123456789012'] },
      regions: ['eu-west-1'],
      idempotencyKey: 'nightly',
      requestedAt: '2026-11-28T23:00:00.000Z',
    });
  });

  it('leaves out what was not asked for (no key, no selection)', () => {
    const message = scanRequestedMessage({
      scanId: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
      tenantId: '9c8b7a65-4321-4fed-8cba-0987654321fe',
      apiKeyId: 'abcdefghij012345',
      body: { sourceId: SOURCE },
      idempotencyKey: undefined,
      requestedAt: new Date('2026-11-28T23:00:00.000Z'),
    });
    expect(message).not.toHaveProperty('idempotencyKey');
    expect(message).not.toHaveProperty('regions');
    expect(message.scope).toEqual({});
  });
});

describe('sameScanRequest', () => {
  const stored = {
    sourceId: SOURCE,
    request: { scope: { ouIds: ['ou-ab12-cdef3456'] }, regions: ['eu-west-1', 'us-east-1'] },
  };
  const body = (patch: Partial<CreateScanBody> = {}): CreateScanBody => ({
    sourceId: SOURCE,
    ouIds: ['ou-ab12-cdef3456'],
    regions: ['eu-west-1', 'us-east-1'],
    ...patch,
  });

  it('matches the same source and selection, lists in any order', () => {
    expect(sameScanRequest(stored, body())).toBe(true);
    expect(sameScanRequest(stored, body({ regions: ['us-east-1', 'eu-west-1'] }))).toBe(true);
  });

  it.each([
    ['another source', { sourceId: OTHER_SOURCE }],
    ['another region list', { regions: ['eu-west-1'] }],
    ['no regions (every region)', { regions: undefined }],
    ['accounts instead of OUs', { ouIds: undefined, accountIds: ['123456789012'] }],
    ['checks on top', { checks: ['iam_root_mfa_enabled'] }],
  ])('refuses %s', (_name, patch) => {
    expect(sameScanRequest(stored, body(patch))).toBe(false);
  });

  it('reads a stored spec in the vocabulary of the request', () => {
    expect(requestView({ scope: { accountIds: ['123456789012'] }, frameworks: ['f'] })).toEqual({
      accountIds: ['123456789012'],
      frameworks: ['f'],
    });
    expect(requestView({})).toEqual({});
  });
});
