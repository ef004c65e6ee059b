import { type IamVirtualMfaDevice } from '../../../collected/iam';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountSummary } from '../iam-fixtures';
import { iamRootHardwareMfaEnabled } from './iam_root_hardware_mfa_enabled.check';

const ROOT = 'arn:aws:iam::111122223333:root';

function device(serial: string, userArn: string | null): IamVirtualMfaDevice {
  return { serialNumber: serial, userArn, userName: null, enableDate: '2025-01-01T00:00:00.000Z' };
}

function run(mfa: boolean, devices: IamVirtualMfaDevice[]) {
  return runCheck(
    iamRootHardwareMfaEnabled,
    new SnapshotBuilder()
      .setGlobal('iam.accountSummary', ok(accountSummary({ mfa })))
      .setGlobal('iam.virtualMfaDevices', ok(devices)),
  );
}

describe('iam_root_hardware_mfa_enabled', () => {
  it('should PASS when the root user has MFA and only IAM users have virtual devices', () => {
    const results = run(true, [
      device('arn:aws:iam::111122223333:mfa/alice', 'arn:aws:iam::111122223333:user/alice'),
    ]);
    expect(results).toEqual([expect.objectContaining({ status: 'PASS', resourceUid: ROOT })]);
  });

  it('should FAIL when a virtual MFA device is assigned to the root user', () => {
    const results = run(true, [device('arn:aws:iam::111122223333:mfa/my-phone', ROOT)]);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: {
          virtualMfaDevices: [
            {
              serialNumber: 'arn:aws:iam::111122223333:mfa/my-phone',
              enableDate: '2025-01-01T00:00:00.000Z',
            },
          ],
        },
      }),
    ]);
    expect(results[0]?.message).toContain('virtual MFA device');
  });

  it('should FAIL on the root-account-mfa-device serial even when the user is not reported', () => {
    const results = run(true, [
      device('arn:aws:iam::111122223333:mfa/root-account-mfa-device', null),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should FAIL when the root user has no MFA at all', () => {
    const results = run(false, []);
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.message).toContain('no MFA device at all');
  });

  it('should be one ERROR when the virtual MFA devices cannot be listed', () => {
    const results = runCheck(
      iamRootHardwareMfaEnabled,
      new SnapshotBuilder()
        .setGlobal('iam.accountSummary', ok(accountSummary({ mfa: true })))
        .setGlobal('iam.virtualMfaDevices', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should PASS an account with MFA and no virtual MFA devices at all', () => {
    expect(run(true, []).map((r) => r.status)).toEqual(['PASS']);
  });
});
