import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { type SecretsManagerSecret } from '../../../collected/resource-policies';
import { ORG_ONLY, allowEveryone, inEuWest1, policyCases } from '../../test/resource-policy-cases';
import { secretsmanagerSecretPolicyNoPublicPrincipal as check } from './secretsmanager_secret_policy_no_public_principal.check';

function item(name: string, policy: SecretsManagerSecret['policy']): SecretsManagerSecret {
  return {
    name,
    arn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbCdEf`,
    policy,
  };
}

describe('secretsmanager_secret_policy_no_public_principal', () => {
  policyCases({
    check,
    key: 'secretsmanager.secrets',
    noun: 'secret',
    action: 'secretsmanager:GetSecretValue',
    item,
    bare: (name) => item(name, ok(null)),
  });

  it('should name the secret and its resource policy in every outcome', () => {
    const results = runCheck(
      check,
      inEuWest1(
        'secretsmanager.secrets',
        ok([
          item('bare', ok(null)),
          item('org', ok(allowEveryone('secretsmanager:GetSecretValue', ORG_ONLY))),
          item('open', ok(allowEveryone('secretsmanager:GetSecretValue'))),
          item('denied', failed('ACCESS_DENIED', 'not authorized')),
        ]),
      ),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Secret bare in eu-west-1 of account 111122223333 has no resource policy'],
      [
        'PASS',
        'Secret org in eu-west-1 of account 111122223333 has a resource policy that allows no one unrestricted access (Principal *)',
      ],
      [
        'FAIL',
        'Secret open in eu-west-1 of account 111122223333 allows anyone (Principal *) secretsmanager:GetSecretValue with no condition restricting the caller',
      ],
      [
        'ERROR',
        'could not read the resource policy of secret denied in eu-west-1 of account 111122223333: not authorized',
      ],
    ]);
  });
});
