import { type Trail } from '../../../collected/cloudtrail';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { trail } from '../trail-fixtures';
import { cloudtrailMultiRegionEnabled } from './cloudtrail_multi_region_enabled.check';

/** The trails each scanned region lists (a multi-region trail is listed in every region). */
function snapshot(euWest1: Trail[], usEast1: Trail[] = euWest1) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(euWest1))
    .setRegional('cloudtrail.trails', 'us-east-1', ok(usEast1));
}

describe('cloudtrail_multi_region_enabled', () => {
  it('should PASS once for the account when a multi-region trail logs all management events', () => {
    const results = runCheck(cloudtrailMultiRegionEnabled, snapshot([trail('main')]));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: 'global',
        resourceUid: 'arn:aws:cloudtrail::111122223333:account',
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain('main');
    expect(results[0]?.evidence).toMatchObject({ trails: [{ trail: 'main', isLogging: true }] });
  });

  it('should PASS with an organization trail owned by the management account', () => {
    const org = trail('org', {
      arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org',
      homeRegion: 'us-east-1',
      isOrganizationTrail: true,
    });
    expect(runCheck(cloudtrailMultiRegionEnabled, snapshot([org]))[0]?.status).toBe('PASS');
  });

  it('should FAIL when the only trails are single-region', () => {
    const results = runCheck(
      cloudtrailMultiRegionEnabled,
      snapshot([trail('local', { isMultiRegion: false })], []),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('No multi-region CloudTrail trail exists');
  });

  it('should FAIL a multi-region trail that is not logging or records only writes', () => {
    const stopped = trail('stopped', { status: ok({ isLogging: false }) });
    const writesOnly = trail('writes', {
      eventSelectors: ok({
        basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }],
        advanced: [],
      }),
    });
    const results = runCheck(cloudtrailMultiRegionEnabled, snapshot([stopped, writesOnly]));
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.message).toContain('stopped is not logging');
    expect(results[0]?.message).toContain('writes does not record read management events');
  });

  it('should say when fewer regions were scanned than are enabled', () => {
    const ctx = checkContext({
      regions: {
        scanned: ['eu-west-1', 'us-east-1'],
        enabled: ['eu-west-1', 'us-east-1', 'ap-south-1'],
        notEnabled: ['me-south-1'],
      },
    });
    const [result] = runCheck(cloudtrailMultiRegionEnabled, snapshot([trail('main')]), ctx);
    expect(result?.message).toContain('(evaluated over 2 of 3 enabled regions)');
    expect(result?.evidence).toMatchObject({ regionsNotEnabled: ['me-south-1'] });
  });

  it('should be ERROR, never FAIL, when the only candidate trail’s status cannot be read', () => {
    const results = runCheck(
      cloudtrailMultiRegionEnabled,
      snapshot([
        trail('main', { status: failed('ACCESS_DENIED', 'no cloudtrail:GetTrailStatus') }),
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should FAIL when the unreadable trail is known to lack something anyway', () => {
    const results = runCheck(
      cloudtrailMultiRegionEnabled,
      snapshot([
        trail('main', {
          status: ok({ isLogging: false }),
          eventSelectors: failed('ACCESS_DENIED', 'denied'),
        }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should be one ERROR when a region’s trails could not be collected', () => {
    const results = runCheck(
      cloudtrailMultiRegionEnabled,
      new SnapshotBuilder()
        .setRegional('cloudtrail.trails', 'eu-west-1', ok([trail('main')]))
        .setRegional('cloudtrail.trails', 'us-east-1', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should FAIL (not be empty) when the account has no trail at all', () => {
    expect(runCheck(cloudtrailMultiRegionEnabled, snapshot([])).map((r) => r.status)).toEqual([
      'FAIL',
    ]);
  });
});
