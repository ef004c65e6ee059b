// Recorded response shape: moto does not emulate organizations:DescribeResourcePolicy (its
// server answers HTTP 500), so the collector is fed the answers AWS documents, through a fake
// client.
import {
  AccessDeniedException,
  ResourcePolicyNotFoundException,
} from '@aws-sdk/client-organizations';
import { type CollectorContext } from '../../framework/collector';
import { resourcePolicyCollector } from './resource-policy.collector';

function contextAnswering(answer: () => Promise<unknown>, seen: string[]): CollectorContext {
  const client = {
    middlewareStack: { use: () => undefined },
    send: (command: object) => {
      seen.push(command.constructor.name);
      return answer();
    },
  };
  return {
    accountId: '111111111111',
    partition: 'aws',
    region: 'us-east-1',
    signal: new AbortController().signal,
    client: <T>() => client as T,
    global: () => Promise.reject(new Error('no dependency expected')),
    regional: () => Promise.reject(new Error('no dependency expected')),
    attempt: () => Promise.reject(new Error('not used')),
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  };
}

const meta = { $metadata: {}, message: 'recorded' };

/** The delegation policy of the Organizations user guide's example (policy management). */
const DELEGATION = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Fullaccess',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: [
        'organizations:DescribeOrganization',
        'organizations:ListPolicies',
        'organizations:CreatePolicy',
        'organizations:UpdatePolicy',
        'organizations:DeletePolicy',
        'organizations:AttachPolicy',
        'organizations:DetachPolicy',
      ],
      Resource: '*',
      Condition: {
        StringLikeIfExists: { 'organizations:PolicyType': ['SERVICE_CONTROL_POLICY'] },
      },
    },
  ],
});

describe('organizations.resourcePolicy (recorded response shape, moto does not emulate organizations:DescribeResourcePolicy)', () => {
  it('should return the policy with its id, ARN and document', async () => {
    const seen: string[] = [];
    const ctx = contextAnswering(
      () =>
        Promise.resolve({
          ResourcePolicy: {
            ResourcePolicySummary: {
              Id: 'rp-examplepolicyid111',
              Arn: 'arn:aws:organizations::111111111111:resourcepolicy/o-exampleorgid/rp-examplepolicyid111',
            },
            Content: DELEGATION,
          },
        }),
      seen,
    );
    await expect(resourcePolicyCollector.collect(ctx)).resolves.toEqual({
      id: 'rp-examplepolicyid111',
      arn: 'arn:aws:organizations::111111111111:resourcepolicy/o-exampleorgid/rp-examplepolicyid111',
      content: DELEGATION,
    });
    expect(seen).toEqual(['DescribeResourcePolicyCommand']);
  });

  it('should return null when the organization has no resource policy', async () => {
    const ctx = contextAnswering(
      () => Promise.reject(new ResourcePolicyNotFoundException(meta)),
      [],
    );
    await expect(resourcePolicyCollector.collect(ctx)).resolves.toBeNull();
  });

  it('should fail on any other error (never "no policy")', async () => {
    const error = new AccessDeniedException(meta);
    const ctx = contextAnswering(() => Promise.reject(error), []);
    await expect(resourcePolicyCollector.collect(ctx)).rejects.toBe(error);
  });
});
