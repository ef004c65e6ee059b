import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { macieEnabledAllRegions } from './macie_enabled_all_regions.check';

function snapshot(byRegion: Record<string, string>) {
  const s = new SnapshotBuilder();
  for (const [region, status] of Object.entries(byRegion)) {
    s.setRegional('macie.status', region, ok({ status }));
  }
  return s;
}

describe('macie_enabled_all_regions', () => {
  it('should PASS once for the account when Macie is enabled in every scanned region', () => {
    const results = runCheck(
      macieEnabledAllRegions,
      snapshot({ 'eu-west-1': 'ENABLED', 'us-east-1': 'ENABLED' }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: 'global',
        resourceUid: 'arn:aws:macie::111122223333:account',
        resourceType: 'AwsAccount',
        message: 'Amazon Macie is enabled in all 2 scanned regions of account 111122223333',
        evidence: {
          statusByRegion: { 'eu-west-1': 'ENABLED', 'us-east-1': 'ENABLED' },
          regionsScanned: ['eu-west-1', 'us-east-1'],
          regionsNotEnabled: [],
        },
      }),
    ]);
  });

  it('should FAIL naming each region where Macie is disabled or paused', () => {
    const [result] = runCheck(
      macieEnabledAllRegions,
      snapshot({ 'eu-west-1': 'PAUSED', 'us-east-1': 'DISABLED' }),
    );
    expect(result).toMatchObject({
      status: 'FAIL',
      evidence: { regionsWithoutMacie: ['eu-west-1', 'us-east-1'] },
    });
    expect(result?.message).toBe(
      'Amazon Macie is not enabled in 2 of 2 scanned regions of account 111122223333: eu-west-1 (paused), us-east-1 (disabled)',
    );
  });

  it('should say over how many enabled regions a limited scan evaluated, and list regions not enabled', () => {
    const ctx = checkContext({
      regions: {
        scanned: ['eu-west-1'],
        enabled: ['eu-west-1', 'us-east-1', 'ap-south-1'],
        notEnabled: ['me-south-1'],
      },
    });
    const [result] = runCheck(macieEnabledAllRegions, snapshot({ 'eu-west-1': 'ENABLED' }), ctx);
    expect(result).toMatchObject({
      status: 'PASS',
      evidence: { regionsNotEnabled: ['me-south-1'], regionsScanned: ['eu-west-1'] },
    });
    expect(result?.message).toContain('(evaluated over 1 of 3 enabled regions)');
  });

  it('should be one ERROR with the code when a region’s status cannot be read, never PASS', () => {
    const results = runCheck(
      macieEnabledAllRegions,
      new SnapshotBuilder()
        .setRegional('macie.status', 'eu-west-1', ok({ status: 'ENABLED' }))
        .setRegional('macie.status', 'us-east-1', failed('ACCESS_DENIED', 'not authorized')),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:macie::111122223333:account',
      }),
    ]);
    expect(results[0]?.message).toContain('us-east-1');
  });

  it('should report nothing when no region was scanned', () => {
    const ctx = checkContext({ regions: { scanned: [], enabled: [], notEnabled: [] } });
    expect(runCheck(macieEnabledAllRegions, new SnapshotBuilder(), ctx)).toEqual([]);
  });
});
