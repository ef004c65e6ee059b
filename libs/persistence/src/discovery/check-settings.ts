import { checkSettingsOverridesSchema, type CheckSettingsOverrides } from '@palisade/contracts';
import { parseOrThrow } from './validation';

export {
  CHECK_SETTING_SCHEMAS,
  type CheckSettingKey,
  type CheckSettings,
  type CheckSettingsOverrides,
  checkSettingsOverridesSchema,
  DEFAULT_CHECK_SETTINGS,
  effectiveSettings,
} from '@palisade/contracts';

/** Strict (for writes): an unknown key or a bad value is `INVALID_ARGUMENT` naming it. */
export function parseCheckSettingsOverrides(value: unknown): CheckSettingsOverrides {
  return parseOrThrow(checkSettingsOverridesSchema, value, 'check settings');
}
