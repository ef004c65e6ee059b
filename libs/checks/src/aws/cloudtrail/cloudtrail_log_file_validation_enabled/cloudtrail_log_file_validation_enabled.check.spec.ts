import { type Trail } from '../../../collected/cloudtrail';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { trail } from '../trail-fixtures';
import { cloudtrailLogFileValidationEnabled } from './cloudtrail_log_file_validation_enabled.check';

/** eu-west-1 lists its own trails and the shadow of the us-east-1 multi-region trail. */
function snapshot(euWest1: Trail[], usEast1: Trail[]) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(euWest1))
    .setRegional('cloudtrail.trails', 'us-east-1', ok(usEast1));
}

describe('cloudtrail_log_file_validation_enabled', () => {
  it('should PASS and FAIL each trail once, in its home region', () => {
    const global = trail('global', { homeRegion: 'us-east-1' });
    const local = trail('local', { isMultiRegion: false, logFileValidationEnabled: false });
    const results = runCheck(
      cloudtrailLogFileValidationEnabled,
      snapshot([global, local], [global]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/local', 'FAIL', 'eu-west-1'],
      ['arn:aws:cloudtrail:us-east-1:111122223333:trail/global', 'PASS', 'us-east-1'],
    ]);
    expect(results[0]?.message).toBe(
      'Trail local in eu-west-1 of account 111122223333 does not validate its log files',
    );
  });

  it('should not report an organization trail owned by another account', () => {
    const org = trail('org', {
      arn: 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/org',
      logFileValidationEnabled: false,
    });
    expect(runCheck(cloudtrailLogFileValidationEnabled, snapshot([org], [org]))).toEqual([]);
  });

  it('should be ERROR for the region whose trails could not be collected', () => {
    const results = runCheck(
      cloudtrailLogFileValidationEnabled,
      new SnapshotBuilder()
        .setRegional('cloudtrail.trails', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('cloudtrail.trails', 'us-east-1', ok([])),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', region: 'eu-west-1', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when there are no trails', () => {
    expect(runCheck(cloudtrailLogFileValidationEnabled, snapshot([], []))).toEqual([]);
  });
});
