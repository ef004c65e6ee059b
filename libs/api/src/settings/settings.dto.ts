import { CHECK_SETTING_SCHEMAS, type CheckSettingKey } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** What each check setting means (the defaults are the CIS AWS Foundations Benchmark values). */
const DESCRIPTIONS: Record<CheckSettingKey, { description: string; example: unknown }> = {
  'iam.unusedCredentialDays': {
    description: 'IAM credentials unused for this many days must be disabled (CIS: 45; 1-3650)',
    example: 45,
  },
  'iam.accessKeyMaxAgeDays': {
    description: 'Access keys must be rotated within this many days (CIS: 90; 1-3650)',
    example: 90,
  },
  'iam.passwordMinLength': {
    description: 'The IAM password policy requires at least this length (CIS: 14; 8-128)',
    example: 14,
  },
  'iam.passwordReusePrevention': {
    description: 'The password policy prevents reuse of this many passwords (CIS: 24; 1-24)',
    example: 24,
  },
  'ec2.adminPorts': {
    description: 'Remote administration ports that must not be open to the world (CIS: 22, 3389)',
    example: [22, 3389],
  },
  'ec2.cifsPorts': {
    description: 'CIFS/SMB ports that must not be open to the world (CIS: 445, 139)',
    example: [445, 139],
  },
  'kms.rotationRequired': {
    description: 'Customer-managed symmetric KMS keys must have rotation enabled (CIS: true)',
    example: true,
  },
};

const KEYS = Object.keys(CHECK_SETTING_SCHEMAS) as CheckSettingKey[];

/** The schema of each setting, with its description and example for the document. */
const SETTINGS = Object.fromEntries(
  KEYS.map((key) => [
    key,
    CHECK_SETTING_SCHEMAS[key]
      .describe(DESCRIPTIONS[key].description)
      .meta({ example: DESCRIPTIONS[key].example }),
  ]),
) as typeof CHECK_SETTING_SCHEMAS;

/**
 * The overrides a tenant may set. Unknown keys are refused one by one, each named
 * (`body.checkSettings.<key>`); the document still says `additionalProperties: false`.
 */
const overridesSchema = z
  .looseObject(SETTINGS)
  .partial()
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(KEYS as string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown check setting; the settings are ${KEYS.join(', ')}`,
        });
      }
    }
  })
  .meta({ additionalProperties: false });

export class SettingsUpdateDto extends createZodDto(
  z.object({
    checkSettings: overridesSchema.describe(
      "The tenant's overrides, replacing the previous ones entirely: a setting left out " +
        'goes back to its default ({} resets everything)',
    ),
  }),
) {}

export const settingsSchema = z.object({
  checkSettings: z
    .object(SETTINGS)
    .describe('The values in force: each override, else the default'),
  overrides: z
    .object(SETTINGS)
    .partial()
    .describe("The tenant's overrides only (what PUT last set)"),
});
export type SettingsView = z.infer<typeof settingsSchema>;

export class SettingsDto extends createZodDto(settingsSchema) {}
