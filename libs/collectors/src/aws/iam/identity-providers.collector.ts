// iam.identityProviders: the SAML and OpenID Connect providers federated identities sign in with.
import {
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam';
import { defineCollector } from '../../framework/collector';
import { isoOf } from './iam-shared';

export const iamIdentityProvidersCollector = defineCollector({
  key: 'iam.identityProviders',
  scope: 'global',
  operations: ['iam:ListSAMLProviders', 'iam:ListOpenIDConnectProviders'],
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'iam');
    const [saml, oidc] = await Promise.all([
      iam.send(new ListSAMLProvidersCommand({})),
      iam.send(new ListOpenIDConnectProvidersCommand({})),
    ]);
    return {
      saml: (saml.SAMLProviderList ?? []).flatMap((p) =>
        p.Arn === undefined
          ? []
          : [{ arn: p.Arn, createDate: isoOf(p.CreateDate), validUntil: isoOf(p.ValidUntil) }],
      ),
      oidc: (oidc.OpenIDConnectProviderList ?? []).flatMap((p) =>
        p.Arn === undefined ? [] : [{ arn: p.Arn }],
      ),
    };
  },
});
