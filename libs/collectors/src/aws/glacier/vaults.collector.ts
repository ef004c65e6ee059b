// glacier.vaults: every S3 Glacier vault of the region with its vault access policy
// (`GetVaultAccessPolicy`; a vault without one answers ResourceNotFoundException = null).
import {
  GetVaultAccessPolicyCommand,
  GlacierClient,
  paginateListVaults,
} from '@aws-sdk/client-glacier';
import { type GlacierVault } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

/** `-` is the account of the credentials (Glacier's path names the account). */
const OWN_ACCOUNT = '-';

export const glacierVaultsCollector = defineCollector({
  key: 'glacier.vaults',
  scope: 'regional',
  operations: ['glacier:ListVaults', 'glacier:GetVaultAccessPolicy'],
  async collect(ctx) {
    const client = ctx.client(GlacierClient, 'glacier');
    const listed: { name: string; arn: string }[] = [];
    for await (const page of paginateListVaults({ client }, { accountId: OWN_ACCOUNT })) {
      for (const v of page.VaultList ?? []) {
        if (v.VaultName === undefined) continue;
        const arn =
          v.VaultARN ??
          `arn:${ctx.partition}:glacier:${ctx.region}:${ctx.accountId}:vaults/${v.VaultName}`;
        listed.push({ name: v.VaultName, arn });
      }
    }
    return ctx.mapBounded(listed, async (v): Promise<GlacierVault> => {
      const policy = await ctx.attempt(
        async () => {
          const out = await client.send(
            new GetVaultAccessPolicyCommand({ accountId: OWN_ACCOUNT, vaultName: v.name }),
          );
          return out.policy?.Policy ?? null;
        },
        { codes: ['ResourceNotFoundException'], value: null },
      );
      return { ...v, policy };
    });
  },
});
