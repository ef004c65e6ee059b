// The policy listing's tolerance, on a recorded response shape: moto never answers
// PolicyTypeNotEnabledException (it lists any supported type), real Organizations can.
import { OrganizationsServiceException } from '@aws-sdk/client-organizations';
import { listPolicies, policyTypesToList } from './organization-policies';
import { type OrganizationsApi } from './organizations-api';

function notEnabled(): Error {
  return new OrganizationsServiceException({
    name: 'PolicyTypeNotEnabledException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'This operation can be performed only for enabled policy types.',
  });
}

/** Answers by command name from a table; a function value is called with the input. */
function fakeApi(answers: Record<string, (input: Record<string, unknown>) => unknown>): {
  api: OrganizationsApi;
  calls: string[];
} {
  const calls: string[] = [];
  const send = (command: { input: Record<string, unknown> }) => {
    const op = command.constructor.name.replace(/Command$/, '');
    calls.push(op);
    const answer = answers[op];
    if (!answer) return Promise.reject(new Error(`unexpected ${op}`));
    try {
      return Promise.resolve(answer(command.input));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return { api: { send: send as OrganizationsApi['send'] }, calls };
}

describe('listPolicies', () => {
  it('should list SCPs always and tag or backup policies only when the root enables them', () => {
    expect(policyTypesToList([])).toEqual(['SERVICE_CONTROL_POLICY']);
    expect(policyTypesToList(['BACKUP_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY'])).toEqual([
      'SERVICE_CONTROL_POLICY',
      'TAG_POLICY',
      'BACKUP_POLICY',
    ]);
  });

  it('should record PolicyTypeNotEnabledException for one type as an issue and keep the other types', async () => {
    const { api } = fakeApi({
      ListPolicies: (input) => {
        if (input.Filter === 'TAG_POLICY') throw notEnabled();
        return { Policies: [{ Id: 'p-scp00001', Name: 'Guard', Type: 'SERVICE_CONTROL_POLICY' }] };
      },
      DescribePolicy: () => ({ Policy: { Content: '{"Version":"2012-10-17"}' } }),
      ListTargetsForPolicy: () => ({ Targets: [{ TargetId: 'r-ab12' }] }),
    });

    const r = await listPolicies(api, ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'], {
      concurrency: 2,
      pageSize: 20,
    });

    expect(r.policies).toEqual([
      {
        id: 'p-scp00001',
        type: 'SERVICE_CONTROL_POLICY',
        name: 'Guard',
        awsManaged: false,
        content: '{"Version":"2012-10-17"}',
        targetIds: ['r-ab12'],
      },
    ]);
    expect(r.issues).toEqual([
      {
        operation: 'ListPolicies',
        subject: 'TAG_POLICY',
        code: 'AWS_ERROR',
        awsCode: 'PolicyTypeNotEnabledException',
        message: 'This operation can be performed only for enabled policy types.',
      },
    ]);
  });

  it('should name the failing step when a policy’s targets cannot be listed, and drop only that policy', async () => {
    const { api, calls } = fakeApi({
      ListPolicies: () => ({
        Policies: [
          { Id: 'p-good0001', Name: 'Good', Type: 'SERVICE_CONTROL_POLICY' },
          { Id: 'p-bad00001', Name: 'Bad', Type: 'SERVICE_CONTROL_POLICY' },
        ],
      }),
      DescribePolicy: () => ({ Policy: { Content: '{}' } }),
      ListTargetsForPolicy: (input) => {
        if (input.PolicyId === 'p-bad00001') throw notEnabled();
        return { Targets: [] };
      },
    });

    const r = await listPolicies(api, ['SERVICE_CONTROL_POLICY'], { concurrency: 1, pageSize: 20 });

    expect(r.policies.map((p) => p.id)).toEqual(['p-good0001']);
    expect(r.issues).toEqual([
      expect.objectContaining({ operation: 'ListTargetsForPolicy', subject: 'p-bad00001' }),
    ]);
    expect(calls.filter((c) => c === 'ListTargetsForPolicy')).toHaveLength(2);
  });
});
