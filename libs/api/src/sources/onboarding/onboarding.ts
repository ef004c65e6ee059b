import {
  type AccountsSourceConfig,
  type OrganizationSourceConfig,
  type SourceConfig,
  type SourceKind,
} from '@palisade/persistence';
import { type OnboardingView, type TrustPolicy } from '../sources.dto';
import { DEPLOY_TEMPLATE_FILES, type DeployTemplates } from './deploy-templates';

export interface OnboardingInput {
  readonly kind: SourceKind;
  readonly config: SourceConfig;
  /** The tenant's Palisade-generated ExternalId. */
  readonly externalId: string;
  /** HUB_PRINCIPAL_ARN of this installation, if set. */
  readonly installationHubPrincipalArn: string | undefined;
  readonly templates: DeployTemplates;
  /** The organization's root id, once discovery has walked it (organization sources). */
  readonly organizationRootId: string | null;
}

type Parameter = { ParameterKey: string; ParameterValue: string };

/** org-stackset.yaml's default DiscoveryRoleName, for a source that names no management role. */
const DEFAULT_DISCOVERY_ROLE_NAME = 'PalisadeDiscoveryRole';

/** The trust of deploy/aws's scan and discovery roles, with the parameters filled in. */
export function trustPolicyFor(hubPrincipalArn: string, externalId: string): TrustPolicy {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PalisadeHubAssumeRole',
        Effect: 'Allow',
        Principal: { AWS: hubPrincipalArn },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': externalId } },
      },
      {
        Sid: 'PalisadeHubSourceIdentity',
        Effect: 'Allow',
        Principal: { AWS: hubPrincipalArn },
        Action: 'sts:SetSourceIdentity',
        Condition: { StringLike: { 'sts:SourceIdentity': 'palisade-*' } },
      },
    ],
  };
}

/** `PalisadeScanRole` of `arn:aws:iam::1:role/path/PalisadeScanRole`. */
function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

function hasRolePath(roleArn: string): boolean {
  return roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length).includes('/');
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

function parameters(values: Record<string, string | null>): {
  parameters: Parameter[];
  missingParameters: string[];
} {
  const entries = Object.entries(values);
  return {
    parameters: entries.flatMap(([key, value]) =>
      value === null ? [] : [{ ParameterKey: key, ParameterValue: value }],
    ),
    missingParameters: entries.filter(([, value]) => value === null).map(([key]) => key),
  };
}

/**
 * The onboarding material of a source: its ExternalId, the trust policy its roles need, and the
 * deploy/aws templates with their parameters filled in from the source and the installation.
 */
export function buildOnboarding(input: OnboardingInput): OnboardingView {
  const { config, externalId } = input;
  const hubPrincipalArn = config.hubRoleArn ?? input.installationHubPrincipalArn ?? null;
  const roleName = config.memberRoleName;
  const notes: string[] = [];
  if (hubPrincipalArn === null) {
    notes.push(
      'Palisade cannot tell which principal your roles must trust: this installation sets no ' +
        'HUB_PRINCIPAL_ARN and the source has no hubRoleArn. Ask your Palisade operator for the ' +
        'hub role ARN and pass it as HubPrincipalArn.',
    );
  } else if (config.hubRoleArn !== undefined) {
    notes.push(
      `Palisade reaches your roles through the source’s hubRoleArn (${config.hubRoleArn}): the ` +
        'roles trust it, and it must itself be assumable by Palisade.',
    );
  }
  const memberRole = {
    templateFile: DEPLOY_TEMPLATE_FILES.memberRole,
    templateBody: input.templates.memberRole,
    ...parameters({ HubPrincipalArn: hubPrincipalArn, ExternalId: externalId, RoleName: roleName }),
    capabilities: ['CAPABILITY_NAMED_IAM' as const],
  };
  const organizationStackSet =
    input.kind === 'organization'
      ? organizationMaterial(config as OrganizationSourceConfig, input, hubPrincipalArn, notes)
      : null;
  if (input.kind === 'accounts') accountsNotes(config as AccountsSourceConfig, notes);
  return {
    externalId,
    hubPrincipalArn,
    roleName,
    trustPolicy: hubPrincipalArn === null ? null : trustPolicyFor(hubPrincipalArn, externalId),
    memberRole,
    organizationStackSet,
    notes,
  };
}

function organizationMaterial(
  config: OrganizationSourceConfig,
  input: OnboardingInput,
  hubPrincipalArn: string | null,
  notes: string[],
): NonNullable<OnboardingView['organizationStackSet']> {
  const managementRoleArn = config.managementRoleArn;
  const discoveryRoleName =
    managementRoleArn === undefined ? DEFAULT_DISCOVERY_ROLE_NAME : roleNameOf(managementRoleArn);
  const ous =
    config.scope.includeOus.length > 0
      ? config.scope.includeOus.join(',')
      : input.organizationRootId;
  const where =
    managementRoleArn === undefined
      ? 'in the account of the credentials the palisade CLI walks the organization with (the ' +
        'source names no management role: no discovery role is assumed)'
      : `in account ${accountOf(managementRoleArn)} (the account of managementRoleArn)`;
  notes.push(
    `Deploy ${DEPLOY_TEMPLATE_FILES.orgStackSet} ${where} with CallAs=SELF when it is the ` +
      'management account. From a StackSets delegated administrator use ' +
      `CallAs=DELEGATED_ADMIN, and deploy ${DEPLOY_TEMPLATE_FILES.memberRole} in the management ` +
      'account yourself.',
  );
  if (ous === null) {
    notes.push(
      'The organization’s root id is not known yet (no scan has walked the organization): pass ' +
        'OrganizationalUnitIds yourself, the root id (aws organizations list-roots) or your OU ids.',
    );
  }
  if (managementRoleArn !== undefined && hasRolePath(managementRoleArn)) {
    notes.push(
      `managementRoleArn has a path; the stack creates ${discoveryRoleName} without one: point ` +
        'the source at the stack’s DiscoveryRoleArn output.',
    );
  }
  return {
    templateFile: DEPLOY_TEMPLATE_FILES.orgStackSet,
    templateBody: input.templates.orgStackSet,
    ...parameters({
      HubPrincipalArn: hubPrincipalArn,
      ExternalId: input.externalId,
      OrganizationalUnitIds: ous,
      CallAs: 'SELF',
      RoleName: config.memberRoleName,
      DiscoveryRoleName: discoveryRoleName,
    }),
    capabilities: ['CAPABILITY_NAMED_IAM' as const],
    discoveryRoleName,
  };
}

function accountsNotes(config: AccountsSourceConfig, notes: string[]): void {
  notes.push(
    `Deploy ${DEPLOY_TEMPLATE_FILES.memberRole} in each of the ${config.accounts.length} ` +
      'listed accounts.',
  );
  for (const account of config.accounts) {
    if (account.roleArn === undefined) continue;
    notes.push(
      `Account ${account.accountId} is reached through its own role ${account.roleArn}: deploy ` +
        `there with RoleName=${roleNameOf(account.roleArn)}.`,
    );
  }
}
