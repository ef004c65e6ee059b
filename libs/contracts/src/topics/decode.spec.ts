import { decodeMessage, encodeMessage, InvalidMessageError } from './decode';
import { Topics } from './topics';

const tenantId = '7f5b8b6e-3c1a-4c4e-9a4f-1d2e3f4a5b6c';
const scanId = '0d9c8b7a-6f5e-4d3c-8b2a-190817161514';
const jobId = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const sourceId = '2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6e';

const validRequest = {
  schemaVersion: 1,
  scanId,
  tenantId,
  sourceId,
  trigger: { kind: 'api' },
  regions: ['eu-west-1', 'us-east-1'],
  requestedAt: '2026-11-28T10:00:00.000Z',
};

const validJob = {
  schemaVersion: 1,
  jobId,
  scanId,
  tenantId,
  sourceId,
  scope: 'account',
  sourceKind: 'organization',
  accountId: '111122223333',
  roleChain: [
    { roleArn: 'arn:aws:iam::111122223333:role/PalisadeScan', externalId: 'x'.repeat(40) },
  ],
  regions: ['eu-west-1'],
  checks: ['iam_root_mfa_enabled'],
  issuedAt: '2026-11-28T10:00:00Z',
};

const passResult = {
  checkId: 'iam_root_mfa_enabled',
  status: 'PASS',
  region: 'global',
  resourceUid: 'arn:aws:iam::111122223333:root',
  resourceType: 'AwsIamUser',
  message: 'Root user of 111122223333 has MFA enabled',
};

function rawBatch(results: unknown[]) {
  return {
    schemaVersion: 1,
    tenantId,
    scanId,
    jobId,
    accountId: '111122223333',
    batchSeq: 0,
    producedAt: '2026-11-28T10:00:00Z',
    kind: 'check-results',
    results,
  };
}

function reasonOf(result: ReturnType<typeof decodeMessage>): string {
  if (result.ok) throw new Error('expected a rejection');
  expect(result.code).toBe('INVALID_MESSAGE');
  return result.reason;
}

describe('decodeMessage', () => {
  it('should accept a valid message from bytes and apply defaults', () => {
    const result = decodeMessage(Topics.scanRequested, Buffer.from(JSON.stringify(validRequest)));
    expect(result).toEqual({ ok: true, value: { ...validRequest, scope: {} } });
  });

  it('should reject bytes that are not JSON, saying so', () => {
    expect(reasonOf(decodeMessage(Topics.scanRequested, Buffer.from('{oops')))).toMatch(
      /palisade\.scan\.requested\.v1: not JSON/,
    );
  });

  it('should reject a message with no value', () => {
    expect(reasonOf(decodeMessage(Topics.scanRequested, null))).toMatch(/has no value/);
  });

  it('should reject an unknown schemaVersion, naming the field', () => {
    expect(
      reasonOf(decodeMessage(Topics.scanRequested, { ...validRequest, schemaVersion: 2 })),
    ).toMatch(/schemaVersion/);
  });

  it('should name every bad field at once', () => {
    const reason = reasonOf(
      decodeMessage(Topics.scanRequested, {
        ...validRequest,
        tenantId: 'not-a-uuid',
        regions: ['Mars'],
      }),
    );
    expect(reason).toMatch(/tenantId/);
    expect(reason).toMatch(/regions\[0\]/);
  });

  it('should reject an account id that is not 12 digits', () => {
    expect(reasonOf(decodeMessage(Topics.scanJobs, { ...validJob, accountId: '12345' }))).toMatch(
      /accountId.*12 digits|12 digits.*accountId/,
    );
  });

  it('should reject an organization job without its OU snapshot', () => {
    expect(
      reasonOf(decodeMessage(Topics.scanJobs, { ...validJob, scope: 'organization' })),
    ).toMatch(/ouSnapshot/);
  });

  it('should strip unknown keys, such as a secret key, from a role hop', () => {
    const result = decodeMessage(Topics.scanJobs, {
      ...validJob,
      roleChain: [{ ...validJob.roleChain[0], secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }],
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });

  it('should reject an ERROR result without an error code', () => {
    const reason = reasonOf(
      decodeMessage(Topics.findingsRaw, rawBatch([{ ...passResult, status: 'ERROR' }])),
    );
    expect(reason).toMatch(/errorCode/);
  });

  it('should reject a PASS result that carries an error code', () => {
    const reason = reasonOf(
      decodeMessage(Topics.findingsRaw, rawBatch([{ ...passResult, errorCode: 'ACCESS_DENIED' }])),
    );
    expect(reason).toMatch(/errorCode/);
  });

  it('should reject an unknown job event type', () => {
    const reason = reasonOf(
      decodeMessage(Topics.scanJobEvents, {
        schemaVersion: 1,
        tenantId,
        scanId,
        jobId,
        accountId: '111122223333',
        at: '2026-11-28T10:00:00Z',
        type: 'exploded',
      }),
    );
    expect(reason).toMatch(/type/);
  });
});

describe('encodeMessage', () => {
  it('should return the topic key and the JSON value of a valid message', () => {
    const encoded = encodeMessage(Topics.scanRequested, {
      ...validRequest,
      trigger: { kind: 'api' },
      scope: {},
    } as never);
    expect(encoded.key).toBe(tenantId);
    expect(JSON.parse(encoded.value)).toMatchObject({ scanId, tenantId });
  });

  it('should refuse to encode an invalid message', () => {
    expect(() =>
      encodeMessage(Topics.scanRequested, { ...validRequest, scanId: 'nope' } as never),
    ).toThrow(InvalidMessageError);
  });
});
