import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type SqsQueue } from '../../../collected/resource-policies';
import { sqsQueuePolicyNoPublicPrincipal } from './sqs_queue_policy_no_public_principal.check';

function item(name: string, policy: SqsQueue['policy']): SqsQueue {
  return {
    name,
    url: `https://sqs.eu-west-1.amazonaws.com/111122223333/${name}`,
    arn: `arn:aws:sqs:eu-west-1:111122223333:${name}`,
    policy,
  };
}

/** A policy allowing sqs:SendMessage to Principal *, with an optional condition. */
function policyOf(condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Everyone',
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: '*',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

const OWN_ACCOUNT_ONLY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: '*',
      Resource: '*',
    },
  ],
};

/** eu-west-1 holds the items, us-east-1 none (both regions are scanned by the kit). */
function snapshot(items: SqsQueue[]) {
  return new SnapshotBuilder()
    .setRegional('sqs.queues', 'eu-west-1', ok(items))
    .setRegional('sqs.queues', 'us-east-1', ok([]));
}

describe('sqs_queue_policy_no_public_principal', () => {
  it('should FAIL a queue whose policy allows Principal * with no restricting condition', () => {
    const results = runCheck(
      sqsQueuePolicyNoPublicPrincipal,
      snapshot([item('open', ok(policyOf()))]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        region: 'eu-west-1',
        resourceUid: item('open', ok(policyOf())).arn,
      }),
    ]);
    expect(results[0]?.message).toContain('Queue open in eu-west-1 of account 111122223333');
    expect(results[0]?.message).toContain('sqs:SendMessage');
    expect(results[0]?.evidence).toEqual({
      publicStatements: [
        {
          sid: 'Everyone',
          effect: 'Allow',
          principal: '*',
          action: ['sqs:SendMessage'],
          resource: ['*'],
        },
      ],
    });
  });

  it('should FAIL when the only condition can be met by any account', () => {
    const results = runCheck(
      sqsQueuePolicyNoPublicPrincipal,
      snapshot([
        item('weak', ok(policyOf({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } }))),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should PASS a queue whose Principal * is tied to the organization, and one with named principals', () => {
    const results = runCheck(
      sqsQueuePolicyNoPublicPrincipal,
      snapshot([
        item('org', ok(policyOf({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }))),
        item('named', ok(JSON.stringify(OWN_ACCOUNT_ONLY))),
      ]),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([
      ['PASS', 'eu-west-1'],
      ['PASS', 'eu-west-1'],
    ]);
  });

  it('should PASS a queue that has no policy', () => {
    const [result] = runCheck(sqsQueuePolicyNoPublicPrincipal, snapshot([item('bare', ok(null))]));
    expect(result).toMatchObject({ status: 'PASS', region: 'eu-west-1' });
    expect(result?.message).toContain('has no');
  });

  it('should be ERROR, never PASS, when a policy cannot be read or parsed', () => {
    const results = runCheck(
      sqsQueuePolicyNoPublicPrincipal,
      snapshot([
        item('denied', failed('ACCESS_DENIED', 'not authorized')),
        item('garbled', ok('{not json')),
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
    expect(results[0]?.message).toContain('denied');
  });

  it('should be one ERROR per region with the collector’s code when the listing failed', () => {
    const results = runCheck(
      sqsQueuePolicyNoPublicPrincipal,
      new SnapshotBuilder()
        .setRegional('sqs.queues', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('sqs.queues', 'us-east-1', ok([])),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED', region: 'eu-west-1' }),
    ]);
  });

  it('should report nothing when the region has no queues', () => {
    expect(runCheck(sqsQueuePolicyNoPublicPrincipal, snapshot([]))).toEqual([]);
  });
});
