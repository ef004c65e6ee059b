import { runCheck } from '../../../framework/check-kit';
import { failedSnapshot, instance, oneRegion, regionSnapshot } from '../ec2-fixtures';
import { ec2InstanceImdsv2Required as check } from './ec2_instance_imdsv2_required.check';

describe('ec2_instance_imdsv2_required', () => {
  it('should PASS instances requiring tokens or without a metadata service', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.instances': [
          instance('i-v2'),
          instance('i-off', {
            metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' },
          }),
        ],
      }),
      oneRegion(),
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['PASS', 'Instance i-v2 in eu-west-1 of account 111122223333 allows only IMDSv2'],
      [
        'PASS',
        'Instance i-off in eu-west-1 of account 111122223333 has the metadata service turned off',
      ],
    ]);
  });

  it('should FAIL an instance answering IMDSv1, stopped ones included, and skip terminated ones', () => {
    const v1 = { httpTokens: 'optional', httpEndpoint: 'enabled' };
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.instances': [
          instance('i-v1', { state: 'stopped', metadataOptions: v1 }),
          instance('i-gone', { state: 'terminated', metadataOptions: v1 }),
        ],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-v1',
        evidence: { state: 'stopped', httpTokens: 'optional', httpEndpoint: 'enabled' },
      }),
    ]);
  });

  it('should be one ERROR for the region when instances cannot be listed', () => {
    expect(runCheck(check, failedSnapshot('ec2.instances'), oneRegion())).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for a region without instances', () => {
    expect(runCheck(check, regionSnapshot({ 'ec2.instances': [] }), oneRegion())).toEqual([]);
  });
});
