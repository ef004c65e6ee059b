import { scanJobSchema } from './scan-job';

const MEMBER_HOP = {
  roleArn: 'arn:aws:iam::111122223333:role/PalisadeScan',
  externalId: 'x'.repeat(40),
};

const accountJob = {
  schemaVersion: 1,
  jobId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  scanId: '0d9c8b7a-6f5e-4d3c-8b2a-190817161514',
  tenantId: '7f5b8b6e-3c1a-4c4e-9a4f-1d2e3f4a5b6c',
  sourceId: '2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6e',
  scope: 'account',
  sourceKind: 'organization',
  accountId: '111122223333',
  roleChain: [MEMBER_HOP],
  regions: ['eu-west-1'],
  checks: [],
  issuedAt: '2026-11-28T10:00:00Z',
};

const organizationJob = {
  ...accountJob,
  scope: 'organization',
  ouSnapshot: {
    organizationId: 'o-a1b2c3d4e5',
    managementAccountId: '111122223333',
    rootId: 'r-ab12',
    units: [],
  },
};

function issuesOf(job: unknown): { path: PropertyKey[]; message: string }[] {
  const parsed = scanJobSchema.safeParse(job);
  return parsed.success ? [] : parsed.error.issues;
}

describe('scanJobSchema role chain', () => {
  it('should accept an organization job with an empty chain (the base identity walks it)', () => {
    expect(issuesOf({ ...organizationJob, roleChain: [] })).toEqual([]);
  });

  it('should accept an organization job and an account job that assume roles', () => {
    expect(issuesOf(organizationJob)).toEqual([]);
    expect(
      issuesOf({ ...accountJob, roleChain: [{ roleArn: MEMBER_HOP.roleArn }, MEMBER_HOP] }),
    ).toEqual([]);
  });

  it('should refuse an account job with an empty chain, naming roleChain', () => {
    expect(issuesOf({ ...accountJob, roleChain: [] })).toEqual([
      expect.objectContaining({
        path: ['roleChain'],
        message:
          'an account job assumes at least one role (only an organization job may run as the base identity)',
      }),
    ]);
  });

  it('should refuse a chain of more than three roles, whatever the scope', () => {
    for (const job of [accountJob, organizationJob]) {
      expect(issuesOf({ ...job, roleChain: Array(4).fill(MEMBER_HOP) })).toEqual([
        expect.objectContaining({ path: ['roleChain'] }),
      ]);
    }
  });
});
