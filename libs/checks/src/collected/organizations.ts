// Collected data of AWS Organizations, read in the organization job (management or
// delegated-admin role). The OU tree, SCPs and delegated administrators are not here: discovery
// puts them in the job's OU snapshot (`CheckContext.organization`). These keys hold only what
// that snapshot lacks.

/** One service with trusted access to the organization (`ListAWSServiceAccessForOrganization`). */
export interface OrganizationServiceAccess {
  /** e.g. `guardduty.amazonaws.com`. */
  servicePrincipal: string;
  /** ISO-8601, when Organizations said. */
  enabledAt?: string;
}

/** A policy type of the root and its status (`ListRoots` → `PolicyTypes`). */
export interface RootPolicyType {
  /** `SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, `TAG_POLICY`, ... */
  type: string;
  /** `ENABLED`, `PENDING_ENABLE` or `PENDING_DISABLE`. */
  status: string;
}

export interface OrganizationRoot {
  id: string;
  arn: string;
  name: string;
  policyTypes: RootPolicyType[];
}

/** A resource control policy with its document and targets (roots, OUs, accounts). */
export interface ResourceControlPolicy {
  id: string;
  name: string;
  awsManaged: boolean;
  /** The policy document as Organizations returns it (JSON text). */
  content: string;
  targetIds: string[];
}

/** IAM's centralized root access features (`iam:ListOrganizationsFeatures`). */
export interface RootAccessFeatures {
  /** `RootCredentialsManagement`, `RootSessions`. Empty when unavailable. */
  enabledFeatures: string[];
  /**
   * Set when IAM answered that the features cannot be on: the AWS error code
   * (`ServiceAccessNotEnabledException`: IAM's trusted access is off;
   * `OrganizationNotInAllFeaturesModeException`: the organization lacks all features).
   */
  unavailableReason?: string;
}

/** The organization's resource-based delegation policy (`DescribeResourcePolicy`). */
export interface OrganizationResourcePolicy {
  id: string;
  arn: string;
  /** The policy document (JSON text). */
  content: string;
}

export interface OrganizationsGlobal {
  /** Services with trusted access to the organization. */
  'organizations.serviceAccess': OrganizationServiceAccess[];
  /** The organization's roots (one) with the policy types each has enabled. */
  'organizations.roots': OrganizationRoot[];
  /** Resource control policies; empty when the root does not have RCPs enabled. */
  'organizations.resourceControlPolicies': ResourceControlPolicy[];
  /** IAM's centralized root access features. */
  'organizations.rootAccessFeatures': RootAccessFeatures;
  /** The resource-based delegation policy, or null when the organization has none. */
  'organizations.resourcePolicy': OrganizationResourcePolicy | null;
}

/** The keys of OrganizationsGlobal (the compiler keeps this list complete). */
export const ORGANIZATIONS_GLOBAL_KEYS: Readonly<Record<keyof OrganizationsGlobal, true>> = {
  'organizations.serviceAccess': true,
  'organizations.roots': true,
  'organizations.resourceControlPolicies': true,
  'organizations.rootAccessFeatures': true,
  'organizations.resourcePolicy': true,
};
