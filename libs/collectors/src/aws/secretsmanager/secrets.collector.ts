// secretsmanager.secrets: every Secrets Manager secret of the region with its resource policy
// (`GetResourcePolicy`; no `ResourcePolicy` in the answer = null).
import {
  GetResourcePolicyCommand,
  SecretsManagerClient,
  paginateListSecrets,
} from '@aws-sdk/client-secrets-manager';
import { type SecretsManagerSecret } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const secretsManagerSecretsCollector = defineCollector({
  key: 'secretsmanager.secrets',
  scope: 'regional',
  operations: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
  async collect(ctx) {
    const client = ctx.client(SecretsManagerClient, 'secretsmanager');
    const listed: { name: string; arn: string }[] = [];
    for await (const page of paginateListSecrets({ client }, {})) {
      for (const s of page.SecretList ?? []) {
        if (s.ARN !== undefined) listed.push({ name: s.Name ?? s.ARN, arn: s.ARN });
      }
    }
    return ctx.mapBounded(listed, async (s): Promise<SecretsManagerSecret> => {
      const policy = await ctx.attempt(async () => {
        const out = await client.send(new GetResourcePolicyCommand({ SecretId: s.arn }));
        return out.ResourcePolicy ?? null;
      });
      return { ...s, policy };
    });
  },
});
