import { runCheck } from '../../../framework/check-kit';
import { failedSnapshot, instance, oneRegion, regionSnapshot } from '../ec2-fixtures';
import { ec2InstanceProfileAttached as check } from './ec2_instance_profile_attached.check';

const PROFILE = 'arn:aws:iam::111122223333:instance-profile/app';

describe('ec2_instance_profile_attached', () => {
  it('should PASS running and stopped instances with a profile', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.instances': [
          instance('i-1', { iamInstanceProfileArn: PROFILE, tags: { Name: 'web' } }),
          instance('i-2', { iamInstanceProfileArn: PROFILE, state: 'stopped' }),
        ],
      }),
      oneRegion(),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1', 'PASS'],
      ['arn:aws:ec2:eu-west-1:111122223333:instance/i-2', 'PASS'],
    ]);
    expect(results[0]?.message).toBe(
      `Instance i-1 (web) in eu-west-1 of account 111122223333 uses instance profile ${PROFILE}`,
    );
  });

  it('should FAIL an instance without a profile and skip those shutting down', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.instances': [
          instance('i-bare', { state: 'stopped' }),
          instance('i-going', { state: 'shutting-down' }),
        ],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        resourceType: 'AwsEc2Instance',
        message: 'Instance i-bare in eu-west-1 of account 111122223333 has no IAM instance profile',
        evidence: { state: 'stopped', vpcId: 'vpc-1' },
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
