import { type ConfigRecorder } from '../../../collected/config';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { configRecorderAllRegionsEnabled } from './config_recorder_all_regions_enabled.check';

function recorder(over: Partial<ConfigRecorder> = {}): ConfigRecorder {
  return {
    name: 'default',
    recordingGroup: {
      allSupported: true,
      includeGlobalResourceTypes: true,
      resourceTypes: [],
      exclusionResourceTypes: [],
      recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    },
    status: { recording: true, lastStatus: 'SUCCESS' },
    ...over,
  };
}

function snapshot(euWest1: ConfigRecorder[], usEast1: ConfigRecorder[]) {
  return new SnapshotBuilder()
    .setRegional('config.recorders', 'eu-west-1', ok(euWest1))
    .setRegional('config.recorders', 'us-east-1', ok(usEast1));
}

describe('config_recorder_all_regions_enabled', () => {
  it('should PASS a region recording everything and FAIL a region with no recorder', () => {
    const results = runCheck(configRecorderAllRegionsEnabled, snapshot([recorder()], []));
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:config:eu-west-1:111122223333:region', 'PASS', 'eu-west-1'],
      ['arn:aws:config:us-east-1:111122223333:region', 'FAIL', 'us-east-1'],
    ]);
    expect(results[1]?.message).toBe(
      'AWS Config has no configuration recorder in us-east-1 of account 111122223333',
    );
  });

  it('should FAIL a stopped recorder, a partial one and one whose delivery failed', () => {
    const partial = recorder({
      recordingGroup: {
        allSupported: false,
        includeGlobalResourceTypes: false,
        resourceTypes: ['AWS::EC2::Instance'],
        exclusionResourceTypes: [],
        recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
      },
    });
    const stopped = recorder({ status: { recording: false, lastStatus: 'SUCCESS' } });
    const failing = recorder({
      status: { recording: true, lastStatus: 'FAILURE', lastErrorCode: 'NoSuchBucket' },
    });
    const results = runCheck(configRecorderAllRegionsEnabled, snapshot([partial], [stopped]));
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.message).toContain('records only 1 selected resource types');
    expect(results[0]?.evidence).toMatchObject({
      recorders: [{ recorder: 'default', resourceTypes: ['AWS::EC2::Instance'] }],
    });
    expect(results[1]?.message).toContain('is not recording');
    const [last] = runCheck(configRecorderAllRegionsEnabled, snapshot([failing], [failing]));
    expect(last?.message).toContain('failed its last delivery (NoSuchBucket)');
  });

  it('should PASS a recorder whose first delivery is still pending', () => {
    const pending = recorder({ status: { recording: true, lastStatus: 'PENDING' } });
    const results = runCheck(configRecorderAllRegionsEnabled, snapshot([pending], [pending]));
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
  });

  it('should be ERROR for the region whose recorders could not be collected', () => {
    const results = runCheck(
      configRecorderAllRegionsEnabled,
      new SnapshotBuilder()
        .setRegional('config.recorders', 'eu-west-1', ok([recorder()]))
        .setRegional('config.recorders', 'us-east-1', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results.map((r) => [r.status, r.region, r.errorCode])).toEqual([
      ['PASS', 'eu-west-1', undefined],
      ['ERROR', 'us-east-1', 'ACCESS_DENIED'],
    ]);
  });
});
