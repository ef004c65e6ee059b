// Collected data of IAM (global: once per account). Read by the IAM checks (CIS 2.4–2.20).

/** One access key slot of a credential report row. */
export interface CredentialReportAccessKey {
  /** The report's slot: `access_key_1_*` or `access_key_2_*`. */
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated (ISO 8601), null when the slot is empty. */
  lastRotated: string | null;
  /** When the key was last used (ISO 8601), null when never used (`N/A`). */
  lastUsed: string | null;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

/** One row of the IAM credential report. Dates are ISO 8601; `N/A`, `no_information`, `not_supported` are null. */
export interface CredentialReportEntry {
  /** The user name (`<root_account>` for the root row). */
  user: string;
  arn: string;
  userCreationTime: string | null;
  /** Whether the user has a console password; null when not reported (`not_supported`, the root row). */
  passwordEnabled: boolean | null;
  /** When the password was last used to sign in; null when never used or unknown. */
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  /** Both slots of the report, in slot order (a slot with no key is inactive, dates null). */
  accessKeys: CredentialReportAccessKey[];
}

export interface IamCredentialReport {
  /** When IAM generated the report (ISO 8601), if it says. */
  generatedAt: string | null;
  /** The root user's row (`<root_account>`), or null when the report has none. */
  root: CredentialReportEntry | null;
  /** Every IAM user's row. */
  users: CredentialReportEntry[];
}

/** `GetAccountSummary`: the facts about the root user, and the whole summary map. */
export interface IamAccountSummary {
  /** `AccountMFAEnabled` = 1: the root user has an MFA device. */
  accountMfaEnabled: boolean;
  /** `AccountAccessKeysPresent` = 1: the root user has at least one access key. */
  accountAccessKeysPresent: boolean;
  /** `AccountSigningCertificatesPresent` = 1: the root user has a signing certificate. */
  accountSigningCertificatesPresent: boolean;
  /** Every entry of the summary map as IAM returned it. */
  summaryMap: Record<string, number>;
}

/** `GetAccountPasswordPolicy` (fields absent from the answer are undefined). */
export interface IamPasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

export interface IamAttachedPolicy {
  name: string;
  arn: string;
}

export interface IamUserDetail {
  name: string;
  arn: string;
  /** The groups the user belongs to (names). */
  groups: string[];
  /** Managed policies attached to the user directly. */
  attachedPolicies: IamAttachedPolicy[];
  /** Inline policies embedded in the user (names). */
  inlinePolicyNames: string[];
}

export interface IamGroupDetail {
  name: string;
  arn: string;
  attachedPolicies: IamAttachedPolicy[];
  inlinePolicyNames: string[];
}

export interface IamRoleDetail {
  name: string;
  arn: string;
  path: string;
  attachedPolicies: IamAttachedPolicy[];
  inlinePolicyNames: string[];
}

export interface IamManagedPolicyDetail {
  name: string;
  arn: string;
  /** An AWS managed policy (`arn:<partition>:iam::aws:policy/...`). */
  awsManaged: boolean;
  /** How many users, groups and roles it is attached to. */
  attachmentCount: number;
  defaultVersionId: string | null;
  /** The default version's document (JSON text, URL decoding undone), null when not returned. */
  document: string | null;
}

/** `GetAccountAuthorizationDetails`: identities with their policies, and the managed policies. */
export interface IamAuthorizationDetails {
  users: IamUserDetail[];
  groups: IamGroupDetail[];
  roles: IamRoleDetail[];
  /** Customer managed policies, and AWS managed policies attached to at least one identity. */
  policies: IamManagedPolicyDetail[];
}

export interface IamVirtualMfaDevice {
  serialNumber: string;
  /** The user it is assigned to (`arn:<partition>:iam::<account>:root` for the root user). */
  userArn: string | null;
  userName: string | null;
  enableDate: string | null;
}

export interface IamServerCertificate {
  name: string;
  arn: string;
  id: string;
  path: string;
  uploadDate: string | null;
  /** When the certificate expires (ISO 8601), null when IAM does not say. */
  expiration: string | null;
}

export interface IamIdentityProviders {
  saml: { arn: string; createDate: string | null; validUntil: string | null }[];
  oidc: { arn: string }[];
}

export interface IamGlobal {
  /** The IAM credential report (generated if needed). */
  'iam.credentialReport': IamCredentialReport;
  'iam.accountSummary': IamAccountSummary;
  /** The account password policy, or null when the account has none (`NoSuchEntity`). */
  'iam.passwordPolicy': IamPasswordPolicy | null;
  'iam.authorizationDetails': IamAuthorizationDetails;
  /** Every virtual MFA device of the account, assigned or not. */
  'iam.virtualMfaDevices': IamVirtualMfaDevice[];
  /** Server certificates stored in IAM. */
  'iam.serverCertificates': IamServerCertificate[];
  /** SAML and OpenID Connect identity providers. */
  'iam.identityProviders': IamIdentityProviders;
}

/** The keys of IamGlobal (the compiler keeps this list complete). */
export const IAM_GLOBAL_KEYS: Readonly<Record<keyof IamGlobal, true>> = {
  'iam.credentialReport': true,
  'iam.accountSummary': true,
  'iam.passwordPolicy': true,
  'iam.authorizationDetails': true,
  'iam.virtualMfaDevices': true,
  'iam.serverCertificates': true,
  'iam.identityProviders': true,
};
