import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { type GlacierVault } from '../../../collected/resource-policies';
import { ORG_ONLY, allowEveryone, inEuWest1, policyCases } from '../../test/resource-policy-cases';
import { glacierVaultPolicyNoPublicPrincipal as check } from './glacier_vault_policy_no_public_principal.check';

function item(name: string, policy: GlacierVault['policy']): GlacierVault {
  return { name, arn: `arn:aws:glacier:eu-west-1:111122223333:vaults/${name}`, policy };
}

describe('glacier_vault_policy_no_public_principal', () => {
  policyCases({
    check,
    key: 'glacier.vaults',
    noun: 'vault',
    action: 'glacier:RetrieveArchive',
    item,
    bare: (name) => item(name, ok(null)),
  });

  it('should name the vault and its vault access policy in every outcome', () => {
    const results = runCheck(
      check,
      inEuWest1(
        'glacier.vaults',
        ok([
          item('bare', ok(null)),
          item('org', ok(allowEveryone('glacier:RetrieveArchive', ORG_ONLY))),
          item('open', ok(allowEveryone('glacier:RetrieveArchive'))),
          item('denied', failed('ACCESS_DENIED', 'not authorized')),
        ]),
      ),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Vault bare in eu-west-1 of account 111122223333 has no vault access policy'],
      [
        'PASS',
        'Vault org in eu-west-1 of account 111122223333 has a vault access policy that allows no one unrestricted access (Principal *)',
      ],
      [
        'FAIL',
        'Vault open in eu-west-1 of account 111122223333 allows anyone (Principal *) glacier:RetrieveArchive with no condition restricting the caller',
      ],
      [
        'ERROR',
        'could not read the vault access policy of vault denied in eu-west-1 of account 111122223333: not authorized',
      ],
    ]);
  });
});
