import { type TrailEventSelectors } from '../../collected/cloudtrail';
import { checkContext } from '../../framework/check-kit';
import { managementCoverage, ownTrailsHomedIn, s3DataEventCoverage } from './trail-coverage';
import { trail } from './trail-fixtures';

const basic = (
  readWriteType: string,
  includeManagementEvents: boolean,
  dataResources: TrailEventSelectors['basic'][number]['dataResources'] = [],
): TrailEventSelectors => ({
  basic: [{ readWriteType, includeManagementEvents, dataResources }],
  advanced: [],
});

const advanced = (...selectors: TrailEventSelectors['advanced']): TrailEventSelectors => ({
  basic: [],
  advanced: selectors,
});

const mgmt = { field: 'eventCategory', equals: ['Management'] };
const data = { field: 'eventCategory', equals: ['Data'] };
const s3Object = { field: 'resources.type', equals: ['AWS::S3::Object'] };

describe('managementCoverage', () => {
  it('reads basic selectors by ReadWriteType and IncludeManagementEvents', () => {
    expect(managementCoverage(basic('All', true))).toEqual({
      read: true,
      write: true,
      excludedSources: [],
    });
    expect(managementCoverage(basic('WriteOnly', true))).toMatchObject({
      read: false,
      write: true,
    });
    expect(managementCoverage(basic('All', false))).toMatchObject({ read: false, write: false });
  });

  it('adds up a ReadOnly and a WriteOnly selector, and reports excluded sources', () => {
    const selectors: TrailEventSelectors = {
      basic: [
        { readWriteType: 'ReadOnly', includeManagementEvents: true, dataResources: [] },
        {
          readWriteType: 'WriteOnly',
          includeManagementEvents: true,
          dataResources: [],
          excludeManagementEventSources: ['kms.amazonaws.com'],
        },
      ],
      advanced: [],
    };
    expect(managementCoverage(selectors)).toEqual({
      read: true,
      write: true,
      excludedSources: ['kms.amazonaws.com'],
    });
  });

  it('reads advanced selectors by eventCategory and readOnly', () => {
    expect(managementCoverage(advanced({ fieldSelectors: [mgmt] }))).toMatchObject({
      read: true,
      write: true,
    });
    expect(
      managementCoverage(
        advanced({ fieldSelectors: [mgmt, { field: 'readOnly', equals: ['false'] }] }),
      ),
    ).toMatchObject({ read: false, write: true });
    expect(
      managementCoverage(
        advanced(
          { fieldSelectors: [mgmt, { field: 'readOnly', equals: ['false'] }] },
          { fieldSelectors: [mgmt, { field: 'readOnly', notEquals: ['false'] }] },
        ),
      ),
    ).toMatchObject({ read: true, write: true });
  });

  it('counts an eventSource exclusion but not an eventSource restriction', () => {
    expect(
      managementCoverage(
        advanced({
          fieldSelectors: [mgmt, { field: 'eventSource', notEquals: ['rdsdata.amazonaws.com'] }],
        }),
      ),
    ).toEqual({ read: true, write: true, excludedSources: ['rdsdata.amazonaws.com'] });
    expect(
      managementCoverage(
        advanced({
          fieldSelectors: [mgmt, { field: 'eventSource', equals: ['s3.amazonaws.com'] }],
        }),
      ),
    ).toMatchObject({ read: false, write: false });
  });

  it('does not take data selectors for management events', () => {
    expect(managementCoverage(advanced({ fieldSelectors: [data, s3Object] }))).toMatchObject({
      read: false,
      write: false,
    });
  });
});

describe('s3DataEventCoverage', () => {
  it('counts basic AWS::S3::Object selectors for every bucket in the partition', () => {
    for (const value of ['arn:aws:s3', 'arn:aws:s3:::']) {
      expect(
        s3DataEventCoverage(
          basic('WriteOnly', true, [{ type: 'AWS::S3::Object', values: [value] }]),
          'aws',
        ),
      ).toEqual({ read: false, write: true });
    }
  });

  it('does not count selectors for some buckets, another partition or other types', () => {
    const of = (type: string, value: string) =>
      s3DataEventCoverage(basic('All', true, [{ type, values: [value] }]), 'aws');
    expect(of('AWS::S3::Object', 'arn:aws:s3:::my-bucket/')).toEqual({ read: false, write: false });
    expect(of('AWS::S3::Object', 'arn:aws-cn:s3')).toEqual({ read: false, write: false });
    expect(of('AWS::Lambda::Function', 'arn:aws:lambda')).toEqual({ read: false, write: false });
  });

  it('counts advanced S3 object selectors by readOnly, with no ARN restriction', () => {
    expect(s3DataEventCoverage(advanced({ fieldSelectors: [data, s3Object] }), 'aws')).toEqual({
      read: true,
      write: true,
    });
    expect(
      s3DataEventCoverage(
        advanced({ fieldSelectors: [data, s3Object, { field: 'readOnly', equals: ['true'] }] }),
        'aws',
      ),
    ).toEqual({ read: true, write: false });
    expect(
      s3DataEventCoverage(
        advanced({
          fieldSelectors: [
            data,
            s3Object,
            { field: 'resources.ARN', startsWith: ['arn:aws:s3:::'] },
          ],
        }),
        'aws',
      ),
    ).toEqual({ read: true, write: true });
  });

  it('does not count advanced selectors restricted to some buckets or events', () => {
    for (const restriction of [
      { field: 'resources.ARN', startsWith: ['arn:aws:s3:::my-bucket/'] },
      { field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::noisy/'] },
      { field: 'eventName', equals: ['PutObject'] },
    ]) {
      expect(
        s3DataEventCoverage(advanced({ fieldSelectors: [data, s3Object, restriction] }), 'aws'),
      ).toEqual({ read: false, write: false });
    }
  });
});

describe('ownTrailsHomedIn', () => {
  it('keeps the trails homed in the region and owned by the account', () => {
    const ctx = { ...checkContext(), region: 'eu-west-1' };
    const own = trail('own');
    const shadow = trail('shadow', { homeRegion: 'us-east-1' });
    const org = trail('org', { arn: 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/org' });
    expect(ownTrailsHomedIn([own, shadow, org], ctx)).toEqual([own]);
  });
});
