import { z } from 'zod';

/** The tunable thresholds of the checks, per tenant. Keys are `<service>.<setting>`. */
export interface CheckSettings {
  /** IAM credentials unused for this many days must be disabled (CIS: 45). */
  'iam.unusedCredentialDays': number;
  /** Access keys are rotated within this many days (CIS: 90). */
  'iam.accessKeyMaxAgeDays': number;
  /** The IAM password policy requires at least this length (CIS: 14). */
  'iam.passwordMinLength': number;
  /** The IAM password policy prevents reuse of this many previous passwords (CIS: 24). */
  'iam.passwordReusePrevention': number;
  /** Remote administration ports that must not be open to the world (CIS: 22, 3389). */
  'ec2.adminPorts': readonly number[];
  /** CIFS/SMB ports that must not be open to the world (CIS 6.1.2: 445, plus NetBIOS 139). */
  'ec2.cifsPorts': readonly number[];
  /** Customer-managed symmetric KMS keys must have rotation enabled (CIS: true). */
  'kms.rotationRequired': boolean;
}

export type CheckSettingKey = keyof CheckSettings;

/** The defaults (CIS AWS Foundations Benchmark values); a tenant's overrides replace them key by key. */
export const DEFAULT_CHECK_SETTINGS: Readonly<CheckSettings> = Object.freeze({
  'iam.unusedCredentialDays': 45,
  'iam.accessKeyMaxAgeDays': 90,
  'iam.passwordMinLength': 14,
  'iam.passwordReusePrevention': 24,
  'ec2.adminPorts': Object.freeze([22, 3389]),
  'ec2.cifsPorts': Object.freeze([445, 139]),
  'kms.rotationRequired': true,
});

const ports = z
  .array(z.number().int().min(0).max(65_535, 'a port is 0-65535'))
  .max(100, 'at most 100 ports');

const days = z.number().int('a number of days is a whole number').min(1).max(3650);

/** One schema per setting: an override must have the setting's type and range. */
export const CHECK_SETTING_SCHEMAS = {
  'iam.unusedCredentialDays': days,
  'iam.accessKeyMaxAgeDays': days,
  'iam.passwordMinLength': z.number().int().min(8).max(128),
  'iam.passwordReusePrevention': z.number().int().min(1).max(24),
  'ec2.adminPorts': ports,
  'ec2.cifsPorts': ports,
  'kms.rotationRequired': z.boolean(),
} satisfies Record<CheckSettingKey, z.ZodType>;

/** A tenant's overrides as stored in `tenant_settings.check_settings`: known keys only. */
export const checkSettingsOverridesSchema = z.strictObject({
  'iam.unusedCredentialDays': CHECK_SETTING_SCHEMAS['iam.unusedCredentialDays'].optional(),
  'iam.accessKeyMaxAgeDays': CHECK_SETTING_SCHEMAS['iam.accessKeyMaxAgeDays'].optional(),
  'iam.passwordMinLength': CHECK_SETTING_SCHEMAS['iam.passwordMinLength'].optional(),
  'iam.passwordReusePrevention': CHECK_SETTING_SCHEMAS['iam.passwordReusePrevention'].optional(),
  'ec2.adminPorts': CHECK_SETTING_SCHEMAS['ec2.adminPorts'].optional(),
  'ec2.cifsPorts': CHECK_SETTING_SCHEMAS['ec2.cifsPorts'].optional(),
  'kms.rotationRequired': CHECK_SETTING_SCHEMAS['kms.rotationRequired'].optional(),
});
export type CheckSettingsOverrides = z.output<typeof checkSettingsOverridesSchema>;

/**
 * The settings in force: the defaults, each replaced by the tenant's override when it has one
 * (arrays are replaced, not merged). Tolerant (for reads): a stored key that is unknown — or no
 * longer valid — is ignored, so an old override can never stop a scan. Returns a fresh object.
 */
export function effectiveSettings(
  overrides: Readonly<Record<string, unknown>> | CheckSettingsOverrides = {},
): CheckSettings {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_CHECK_SETTINGS) as CheckSettingKey[]) {
    const override = (overrides as Readonly<Record<string, unknown>>)[key];
    const parsed =
      override === undefined ? undefined : CHECK_SETTING_SCHEMAS[key].safeParse(override);
    const value: unknown = parsed?.success ? parsed.data : DEFAULT_CHECK_SETTINGS[key];
    settings[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return settings as unknown as CheckSettings;
}
