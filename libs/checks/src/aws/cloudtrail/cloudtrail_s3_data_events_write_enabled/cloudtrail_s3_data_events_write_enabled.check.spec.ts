import { type Trail, type TrailEventSelectors } from '../../../collected/cloudtrail';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { DEFAULT_SELECTORS, trail } from '../trail-fixtures';
import { cloudtrailS3DataEventsWriteEnabled } from './cloudtrail_s3_data_events_write_enabled.check';

const allBuckets = (readWriteType: string): TrailEventSelectors => ({
  basic: [
    {
      readWriteType,
      includeManagementEvents: true,
      dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
    },
  ],
  advanced: [],
});

function snapshot(euWest1: Trail[], usEast1: Trail[] = euWest1) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(euWest1))
    .setRegional('cloudtrail.trails', 'us-east-1', ok(usEast1));
}

describe('cloudtrail_s3_data_events_write_enabled', () => {
  it('should PASS once for the account when a multi-region trail records write data events', () => {
    const results = runCheck(
      cloudtrailS3DataEventsWriteEnabled,
      snapshot([trail('data', { eventSelectors: ok(allBuckets('WriteOnly')) })]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: 'global',
        resourceUid: 'arn:aws:cloudtrail::111122223333:account',
      }),
    ]);
    expect(results[0]?.evidence).toMatchObject({ recordedBy: ['data'], regionsNotCovered: [] });
  });

  it('should PASS with single-region trails that together cover every scanned region', () => {
    const eu = trail('eu', { isMultiRegion: false, eventSelectors: ok(allBuckets('All')) });
    const us = trail('us', {
      homeRegion: 'us-east-1',
      isMultiRegion: false,
      eventSelectors: ok(allBuckets('All')),
    });
    const results = runCheck(cloudtrailS3DataEventsWriteEnabled, snapshot([eu], [us]));
    expect(results.map((r) => r.status)).toEqual(['PASS']);
  });

  it('should FAIL naming the regions no trail covers', () => {
    const eu = trail('eu', { isMultiRegion: false, eventSelectors: ok(allBuckets('All')) });
    const results = runCheck(cloudtrailS3DataEventsWriteEnabled, snapshot([eu], []));
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.message).toContain('no logging trail records them in us-east-1');
    expect(results[0]?.evidence).toMatchObject({ regionsNotCovered: ['us-east-1'] });
  });

  it('should FAIL when data events are only for reads, or the trail is not logging', () => {
    for (const t of [
      trail('reads', { eventSelectors: ok(allBuckets('ReadOnly')) }),
      trail('stopped', { eventSelectors: ok(allBuckets('All')), status: ok({ isLogging: false }) }),
      trail('management-only', { eventSelectors: ok(DEFAULT_SELECTORS) }),
    ]) {
      expect(runCheck(cloudtrailS3DataEventsWriteEnabled, snapshot([t]))[0]?.status).toBe('FAIL');
    }
  });

  it('should be ERROR, never PASS or FAIL, when the only trail’s selectors cannot be read', () => {
    const results = runCheck(
      cloudtrailS3DataEventsWriteEnabled,
      snapshot([trail('main', { eventSelectors: failed('ACCESS_DENIED', 'denied') })]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be one ERROR when a region’s trails could not be collected', () => {
    const results = runCheck(
      cloudtrailS3DataEventsWriteEnabled,
      new SnapshotBuilder()
        .setRegional('cloudtrail.trails', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('cloudtrail.trails', 'us-east-1', ok([])),
    );
    expect(results.map((r) => [r.status, r.errorCode])).toEqual([['ERROR', 'ACCESS_DENIED']]);
  });

  it('should FAIL (not be empty) when the account has no trail', () => {
    expect(runCheck(cloudtrailS3DataEventsWriteEnabled, snapshot([]))[0]?.status).toBe('FAIL');
  });
});
