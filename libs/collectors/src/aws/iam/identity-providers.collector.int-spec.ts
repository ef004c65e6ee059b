import {
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

const SAML_METADATA =
  '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"/>';

describe('iam.identityProviders collector (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });

  afterAll(() => h.close());

  it('should list the SAML and OpenID Connect providers', async () => {
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(
      new CreateSAMLProviderCommand({ Name: 'corp-idp', SAMLMetadataDocument: SAML_METADATA }),
    );
    await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      }),
    );

    const { snapshot, apiCalls } = await h.collect(['iam.identityProviders']);

    const outcome = snapshot.global('iam.identityProviders');
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    expect(outcome.data.saml).toEqual([
      expect.objectContaining({ arn: `arn:aws:iam::${h.accountId}:saml-provider/corp-idp` }),
    ]);
    expect(outcome.data.oidc).toEqual([
      { arn: `arn:aws:iam::${h.accountId}:oidc-provider/token.actions.githubusercontent.com` },
    ]);
    expect(apiCalls).toBe(2);
  });
});
