import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { organizationArn, organizationOf } from '../organization';
import { metadata } from './organizations_root_access_centralized.metadata';

const IAM = 'iam.amazonaws.com';
const FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

export const organizationsRootAccessCentralized = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const access = collected.global('organizations.serviceAccess');
  const features = collected.global('organizations.rootAccessFeatures');
  if (!access.ok || !features.ok) return [];
  const org = organizationOf(ctx);
  const uid = organizationArn(ctx, org);
  const iamTrusted = access.data.some((s) => s.servicePrincipal === IAM);
  const missing = [
    ...(iamTrusted ? [] : [`trusted access for IAM (${IAM})`]),
    ...FEATURES.filter((f) => !features.data.enabledFeatures.includes(f)),
  ];
  const evidence = {
    iamTrustedAccess: iamTrusted,
    enabledFeatures: features.data.enabledFeatures,
    ...(features.data.unavailableReason !== undefined
      ? { unavailableReason: features.data.unavailableReason }
      : {}),
    iamDelegatedAdministrators: org.delegatedAdministrators
      .filter((d) => d.servicePrincipals.includes(IAM))
      .map((d) => d.accountId),
  };
  const name = `Organization ${org.organizationId} (management account ${org.managementAccountId})`;
  if (missing.length === 0) {
    return [
      results.pass(
        uid,
        `${name} manages member accounts’ root access centrally: IAM has trusted access and RootCredentialsManagement and RootSessions are enabled`,
        evidence,
      ),
    ];
  }
  const why =
    features.data.unavailableReason !== undefined
      ? ` (IAM answered ${features.data.unavailableReason})`
      : '';
  return [
    results.fail(
      uid,
      `${name} does not manage root access centrally: missing ${missing.join(', ')}${why}`,
      { ...evidence, missing },
    ),
  ];
});
