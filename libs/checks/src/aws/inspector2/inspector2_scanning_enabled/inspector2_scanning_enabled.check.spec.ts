import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { type Inspector2Status } from '../../../collected/inspector2';
import { inspector2ScanningEnabled } from './inspector2_scanning_enabled.check';

const enabled: Inspector2Status = {
  status: 'ENABLED',
  state: 'ENABLED',
  resourceState: { ec2: 'ENABLED', ecr: 'DISABLED', lambda: 'DISABLED' },
};
const disabled: Inspector2Status = { status: 'NOT_ENABLED', resourceState: {} };

describe('inspector2_scanning_enabled', () => {
  it('should PASS a region where Inspector2 scans and FAIL one where it does not', () => {
    const results = runCheck(
      inspector2ScanningEnabled,
      new SnapshotBuilder()
        .setRegional('inspector2.status', 'eu-west-1', ok(enabled))
        .setRegional('inspector2.status', 'us-east-1', ok(disabled)),
    );
    expect(results.map((r) => [r.region, r.status, r.resourceUid])).toEqual([
      ['eu-west-1', 'PASS', 'arn:aws:inspector2:eu-west-1:111122223333:region'],
      ['us-east-1', 'FAIL', 'arn:aws:inspector2:us-east-1:111122223333:region'],
    ]);
    expect(results[0]?.evidence).toMatchObject({ ec2: 'ENABLED' });
  });

  it('should be ERROR, never PASS, in a region whose status could not be read', () => {
    const results = runCheck(
      inspector2ScanningEnabled,
      new SnapshotBuilder()
        .setRegional('inspector2.status', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('inspector2.status', 'us-east-1', ok(enabled)),
    );
    expect(results.map((r) => r.status)).toEqual(['ERROR', 'PASS']);
  });

  it('should report nothing when no region was scanned', () => {
    expect(
      runCheck(
        inspector2ScanningEnabled,
        new SnapshotBuilder(),
        checkContext({ regions: { scanned: [], enabled: [], notEnabled: [] } }),
      ),
    ).toEqual([]);
  });
});
