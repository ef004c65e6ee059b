import { type AwsCredentialIdentityProvider } from '@smithy/types';
import {
  generateAuthToken,
  generateAuthTokenFromCredentialsProvider,
} from 'aws-msk-iam-sasl-signer-js';
import { type OauthBearerProvider } from '../core/messaging-options';

/**
 * MSK IAM over SASL/OAUTHBEARER: kafkajs calls the provider on every connection and every
 * re-authentication (the broker's session ends with the token, 15 minutes at most), so each
 * call signs a fresh `kafka-cluster:Connect` token with AWS's signer; nothing is cached here.
 *
 * The credentials are the signer's default chain (environment, web identity token file — IRSA —,
 * container or instance metadata): the service's base identity, never a tenant's assumed role.
 * The chain's STS session name is fixed by the signer, so a re-authentication presents the same
 * principal, which MSK requires. `credentials` replaces the chain (tests).
 */
export function mskIamTokenProvider(
  region: string,
  credentials?: AwsCredentialIdentityProvider,
): OauthBearerProvider {
  const sign =
    credentials === undefined
      ? () => generateAuthToken({ region })
      : () =>
          generateAuthTokenFromCredentialsProvider({ region, awsCredentialsProvider: credentials });
  return async () => ({ value: (await sign()).token });
}
