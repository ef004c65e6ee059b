import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { type KmsKey } from '../../../collected/kms';
import { ORG_ONLY, allowEveryone, inEuWest1, policyCases } from '../../test/resource-policy-cases';
import { kmsKeyPolicyNoPublicPrincipal as check } from './kms_key_policy_no_public_principal.check';

function item(name: string, policy: KmsKey['policy']): KmsKey {
  return {
    keyId: name,
    arn: `arn:aws:kms:eu-west-1:111122223333:key/${name}`,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    rotationEnabled: ok(true),
    policy,
  };
}

describe('kms_key_policy_no_public_principal', () => {
  // Every key has a key policy: no "no policy" case.
  policyCases({ check, key: 'kms.keys', noun: 'KMS key', action: 'kms:Decrypt', item });

  it('should name the key by its id and its key policy in every outcome', () => {
    const results = runCheck(
      check,
      inEuWest1(
        'kms.keys',
        ok([
          item('org', ok(allowEveryone('kms:Decrypt', ORG_ONLY))),
          item('open', ok(allowEveryone('kms:Decrypt'))),
          item('denied', failed('ACCESS_DENIED', 'not authorized')),
        ]),
      ),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      [
        'PASS',
        'KMS key org in eu-west-1 of account 111122223333 has a key policy that allows no one unrestricted access (Principal *)',
      ],
      [
        'FAIL',
        'KMS key open in eu-west-1 of account 111122223333 allows anyone (Principal *) kms:Decrypt with no condition restricting the caller',
      ],
      [
        'ERROR',
        'could not read the key policy of KMS key denied in eu-west-1 of account 111122223333: not authorized',
      ],
    ]);
  });
});
