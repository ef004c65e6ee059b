import { type Trail, type TrailEventSelectors } from '../../../collected/cloudtrail';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { trail } from '../trail-fixtures';
import { cloudtrailS3DataEventsReadEnabled } from './cloudtrail_s3_data_events_read_enabled.check';

const mgmt = { field: 'eventCategory', equals: ['Management'] };
const s3Data = [
  { field: 'eventCategory', equals: ['Data'] },
  { field: 'resources.type', equals: ['AWS::S3::Object'] },
];

const advanced = (...extra: { field: string; equals?: string[]; startsWith?: string[] }[]) =>
  ok<TrailEventSelectors>({
    basic: [],
    advanced: [{ fieldSelectors: [mgmt] }, { fieldSelectors: [...s3Data, ...extra] }],
  });

function snapshot(trails: Trail[]) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(trails))
    .setRegional('cloudtrail.trails', 'us-east-1', ok(trails));
}

describe('cloudtrail_s3_data_events_read_enabled', () => {
  it('should PASS with an advanced selector for every S3 object, reads included', () => {
    const results = runCheck(
      cloudtrailS3DataEventsReadEnabled,
      snapshot([trail('org', { eventSelectors: advanced() })]),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([['PASS', 'global']]);
    expect(results[0]?.message).toBe(
      'S3 object-level read events are recorded for every bucket in account 111122223333 by trail org',
    );
  });

  it('should FAIL a selector that records only writes or only some buckets', () => {
    for (const extra of [
      { field: 'readOnly', equals: ['false'] },
      { field: 'resources.ARN', startsWith: ['arn:aws:s3:::payroll/'] },
    ]) {
      const results = runCheck(
        cloudtrailS3DataEventsReadEnabled,
        snapshot([trail('t', { eventSelectors: advanced(extra) })]),
      );
      expect(results.map((r) => r.status)).toEqual(['FAIL']);
      expect(results[0]?.evidence).toMatchObject({
        regionsNotCovered: ['eu-west-1', 'us-east-1'],
      });
    }
  });

  it('should be ERROR when the only trail’s status cannot be read', () => {
    const results = runCheck(
      cloudtrailS3DataEventsReadEnabled,
      snapshot([
        trail('t', { eventSelectors: advanced(), status: failed('THROTTLED', 'slow down') }),
      ]),
    );
    expect(results.map((r) => [r.status, r.errorCode])).toEqual([['ERROR', 'THROTTLED']]);
  });

  it('should FAIL (not be empty) when the account has no trail', () => {
    expect(runCheck(cloudtrailS3DataEventsReadEnabled, snapshot([]))[0]?.status).toBe('FAIL');
  });
});
