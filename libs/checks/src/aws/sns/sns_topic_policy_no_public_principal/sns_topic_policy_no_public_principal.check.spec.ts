import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { type SnsTopic } from '../../../collected/sns';
import { ORG_ONLY, allowEveryone, inEuWest1, policyCases } from '../../test/resource-policy-cases';
import { snsTopicPolicyNoPublicPrincipal as check } from './sns_topic_policy_no_public_principal.check';

function item(name: string, policy: SnsTopic['policy']): SnsTopic {
  return {
    name,
    arn: `arn:aws:sns:eu-west-1:111122223333:${name}`,
    policy,
    subscriptionsConfirmed: ok(1),
  };
}

describe('sns_topic_policy_no_public_principal', () => {
  policyCases({
    check,
    key: 'sns.topics',
    noun: 'topic',
    action: 'sns:Publish',
    item,
    bare: (name) => item(name, ok(null)),
  });

  it('should name the topic and its access policy in every outcome', () => {
    const results = runCheck(
      check,
      inEuWest1(
        'sns.topics',
        ok([
          item('bare', ok(null)),
          item('org', ok(allowEveryone('sns:Publish', ORG_ONLY))),
          item('open', ok(allowEveryone('sns:Publish'))),
          item('denied', failed('ACCESS_DENIED', 'not authorized')),
        ]),
      ),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Topic bare in eu-west-1 of account 111122223333 has no access policy'],
      [
        'PASS',
        'Topic org in eu-west-1 of account 111122223333 has an access policy that allows no one unrestricted access (Principal *)',
      ],
      [
        'FAIL',
        'Topic open in eu-west-1 of account 111122223333 allows anyone (Principal *) sns:Publish with no condition restricting the caller',
      ],
      [
        'ERROR',
        'could not read the access policy of topic denied in eu-west-1 of account 111122223333: not authorized',
      ],
    ]);
  });
});
