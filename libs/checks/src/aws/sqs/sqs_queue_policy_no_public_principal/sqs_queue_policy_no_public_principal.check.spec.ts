import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { type SqsQueue } from '../../../collected/resource-policies';
import { ORG_ONLY, allowEveryone, inEuWest1, policyCases } from '../../test/resource-policy-cases';
import { sqsQueuePolicyNoPublicPrincipal as check } from './sqs_queue_policy_no_public_principal.check';

function item(name: string, policy: SqsQueue['policy']): SqsQueue {
  return {
    name,
    url: `https://sqs.eu-west-1.amazonaws.com/111122223333/${name}`,
    arn: `arn:aws:sqs:eu-west-1:111122223333:${name}`,
    policy,
  };
}

describe('sqs_queue_policy_no_public_principal', () => {
  policyCases({
    check,
    key: 'sqs.queues',
    noun: 'queue',
    action: 'sqs:SendMessage',
    item,
    bare: (name) => item(name, ok(null)),
  });

  it('should name the queue and its access policy in every outcome', () => {
    const results = runCheck(
      check,
      inEuWest1(
        'sqs.queues',
        ok([
          item('bare', ok(null)),
          item('org', ok(allowEveryone('sqs:SendMessage', ORG_ONLY))),
          item('open', ok(allowEveryone('sqs:SendMessage'))),
          item('denied', failed('ACCESS_DENIED', 'not authorized')),
        ]),
      ),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Queue bare in eu-west-1 of account 111122223333 has no access policy'],
      [
        'PASS',
        'Queue org in eu-west-1 of account 111122223333 has an access policy that allows no one unrestricted access (Principal *)',
      ],
      [
        'FAIL',
        'Queue open in eu-west-1 of account 111122223333 allows anyone (Principal *) sqs:SendMessage with no condition restricting the caller',
      ],
      [
        'ERROR',
        'could not read the access policy of queue denied in eu-west-1 of account 111122223333: not authorized',
      ],
    ]);
  });
});
