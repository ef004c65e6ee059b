import { type RoleHop } from '@palisade/contracts';

/** Organizations is a global service with one home region per partition. */
export const ORGANIZATIONS_REGION: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-cn': 'cn-northwest-1',
};

/** The role every member account has, in the partition the organization lives in. */
export function memberRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * Base identity → optional hub role (Palisade's own, no ExternalId) → the customer's role with
 * the tenant's ExternalId. Only ARNs and the ExternalId: never credentials.
 */
export function roleChainTo(
  roleArn: string,
  externalId: string,
  hubRoleArn: string | undefined,
): RoleHop[] {
  return [...(hubRoleArn !== undefined ? [{ roleArn: hubRoleArn }] : []), { roleArn, externalId }];
}

/** SourceIdentity sticks through role chaining into CloudTrail: it names the Palisade tenant. */
export function sourceIdentityFor(tenantId: string): string {
  return `palisade-${tenantId.replace(/-/g, '').slice(0, 16)}`;
}
