import { PersistenceErrorCode } from '../errors/persistence-error';
import { thrown } from '../testing/thrown';
import {
  DEFAULT_CHECK_SETTINGS,
  effectiveSettings,
  parseCheckSettingsOverrides,
} from './check-settings';

describe('DEFAULT_CHECK_SETTINGS', () => {
  it('should hold the CIS AWS Foundations Benchmark thresholds', () => {
    expect(DEFAULT_CHECK_SETTINGS).toEqual({
      'iam.unusedCredentialDays': 45,
      'iam.accessKeyMaxAgeDays': 90,
      'iam.passwordMinLength': 14,
      'iam.passwordReusePrevention': 24,
      'ec2.adminPorts': [22, 3389],
      'ec2.cifsPorts': [445, 139],
      'kms.rotationRequired': true,
    });
  });

  it('should be frozen, arrays included', () => {
    expect(Object.isFrozen(DEFAULT_CHECK_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CHECK_SETTINGS['ec2.adminPorts'])).toBe(true);
  });
});

describe('effectiveSettings', () => {
  it('should be the defaults without overrides', () => {
    expect(effectiveSettings()).toEqual(DEFAULT_CHECK_SETTINGS);
    expect(effectiveSettings({})).toEqual(DEFAULT_CHECK_SETTINGS);
  });

  it('should replace each overridden key and keep the others', () => {
    expect(
      effectiveSettings({ 'iam.unusedCredentialDays': 30, 'kms.rotationRequired': false }),
    ).toEqual({
      ...DEFAULT_CHECK_SETTINGS,
      'iam.unusedCredentialDays': 30,
      'kms.rotationRequired': false,
    });
  });

  it('should replace an array rather than merge it', () => {
    expect(effectiveSettings({ 'ec2.adminPorts': [2222] })['ec2.adminPorts']).toEqual([2222]);
  });

  it('should ignore a stored key it does not know, and a stored value no longer valid', () => {
    expect(
      effectiveSettings({
        'iam.unusedCredentialsDays': 1,
        'iam.accessKeyMaxAgeDays': 'ninety',
        'iam.passwordMinLength': -3,
      }),
    ).toEqual(DEFAULT_CHECK_SETTINGS);
  });

  it('should return a fresh object: changing it changes neither the defaults nor the next result', () => {
    const settings = effectiveSettings();
    (settings['ec2.adminPorts'] as number[]).push(80);
    settings['iam.passwordMinLength'] = 1;
    expect(effectiveSettings()).toEqual(DEFAULT_CHECK_SETTINGS);
  });
});

describe('parseCheckSettingsOverrides', () => {
  it('should accept a partial set of valid overrides', () => {
    expect(parseCheckSettingsOverrides({ 'iam.accessKeyMaxAgeDays': 60 })).toEqual({
      'iam.accessKeyMaxAgeDays': 60,
    });
  });

  it.each([
    [
      'an unknown key',
      { 'iam.unusedCredentialsDays': 30 },
      /Unrecognized key.*iam\.unusedCredentialsDays/,
    ],
    ['a string for a number', { 'iam.passwordMinLength': '14' }, /iam\.passwordMinLength/],
    ['a fractional day count', { 'iam.unusedCredentialDays': 1.5 }, /whole number/],
    [
      'a port out of range',
      { 'ec2.adminPorts': [22, 70_000] },
      /ec2\.adminPorts\[1\]: a port is 0-65535/,
    ],
    ['a non-object', ['iam.passwordMinLength'], /\(top level\)/],
  ])('should reject %s with INVALID_ARGUMENT naming the field', (_label, value, message) => {
    const error = thrown(() => parseCheckSettingsOverrides(value));
    expect(error).toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
    expect((error as Error).message).toMatch(/^invalid check settings: /);
    expect((error as Error).message).toMatch(message);
  });
});
