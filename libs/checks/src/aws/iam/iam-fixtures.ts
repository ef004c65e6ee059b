// Builders of collected IAM data for the IAM check specs.
import {
  type CredentialReportEntry,
  type IamAccountSummary,
  type IamAuthorizationDetails,
  type IamCredentialReport,
} from '../../collected/iam';
import { KIT_ACCOUNT } from '../../framework/check-kit';

/** An ISO date `days` days before the check kit's evaluation time (2026-06-01). */
export function daysAgo(days: number): string {
  return new Date(Date.parse('2026-06-01T00:00:00Z') - days * 86_400_000).toISOString();
}

export function userArn(name: string): string {
  return `arn:aws:iam::${KIT_ACCOUNT}:user/${name}`;
}

/** A credential report row: no password, no MFA, no keys, created 400 days ago, unless overridden. */
export function reportRow(
  user: string,
  overrides: Partial<Omit<CredentialReportEntry, 'accessKeys'>> & {
    key1?: { active?: boolean; lastRotated?: string | null; lastUsed?: string | null };
    key2?: { active?: boolean; lastRotated?: string | null; lastUsed?: string | null };
  } = {},
): CredentialReportEntry {
  const { key1, key2, ...rest } = overrides;
  const key = (slot: 1 | 2, k: typeof key1) => ({
    slot,
    active: k?.active ?? k !== undefined,
    lastRotated:
      k?.lastRotated === undefined ? (k === undefined ? null : daysAgo(10)) : k.lastRotated,
    lastUsed: k?.lastUsed ?? null,
    lastUsedRegion: null,
    lastUsedService: null,
  });
  return {
    user,
    arn: user === '<root_account>' ? `arn:aws:iam::${KIT_ACCOUNT}:root` : userArn(user),
    userCreationTime: daysAgo(400),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: [key(1, key1), key(2, key2)],
    ...rest,
  };
}

export function credentialReport(
  users: CredentialReportEntry[],
  root: CredentialReportEntry | null = null,
): IamCredentialReport {
  return { generatedAt: daysAgo(0), root, users };
}

export function accountSummary(flags: { mfa?: boolean; keys?: boolean } = {}): IamAccountSummary {
  return {
    accountMfaEnabled: flags.mfa ?? false,
    accountAccessKeysPresent: flags.keys ?? false,
    accountSigningCertificatesPresent: false,
    summaryMap: {
      AccountMFAEnabled: flags.mfa === true ? 1 : 0,
      AccountAccessKeysPresent: flags.keys === true ? 1 : 0,
      Users: 3,
    },
  };
}

export function authorizationDetails(
  parts: Partial<IamAuthorizationDetails> = {},
): IamAuthorizationDetails {
  return { users: [], groups: [], roles: [], policies: [], ...parts };
}
