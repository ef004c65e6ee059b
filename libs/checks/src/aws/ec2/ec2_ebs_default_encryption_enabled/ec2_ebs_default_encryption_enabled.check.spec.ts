import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { failedSnapshot, oneRegion, regionSnapshot } from '../ec2-fixtures';
import { ec2EbsDefaultEncryptionEnabled as check } from './ec2_ebs_default_encryption_enabled.check';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('ec2_ebs_default_encryption_enabled', () => {
  it('should PASS a region with encryption by default on, with its key and the region coverage', () => {
    const results = runCheck(
      check,
      regionSnapshot({ 'ec2.ebsEncryptionByDefault': { enabled: true, defaultKmsKeyId: ok(KEY) } }),
      oneRegion(),
    );
    expect(results).toEqual([
      {
        checkId: 'ec2_ebs_default_encryption_enabled',
        status: 'PASS',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:region',
        resourceType: 'AwsEc2EbsEncryptionByDefault',
        message: 'EBS encryption by default is on in eu-west-1 of account 111122223333',
        evidence: {
          regionsScanned: ['eu-west-1'],
          regionsNotEnabled: ['me-south-1'],
          defaultKmsKeyId: KEY,
        },
      },
    ]);
  });

  it('should judge each scanned region on its own: FAIL where it is off', () => {
    const snapshot = new SnapshotBuilder()
      .setRegional(
        'ec2.ebsEncryptionByDefault',
        'eu-west-1',
        ok({ enabled: true, defaultKmsKeyId: failed('AWS_ERROR', 'not emulated') }),
      )
      .setRegional('ec2.ebsEncryptionByDefault', 'us-east-1', ok({ enabled: false }));
    const results = runCheck(check, snapshot, checkContext());
    expect(results.map((r) => [r.region, r.status, r.evidence?.defaultKmsKeyId])).toEqual([
      ['eu-west-1', 'PASS', 'unreadable: AWS_ERROR'],
      ['us-east-1', 'FAIL', undefined],
    ]);
    expect(results[1]?.message).toBe(
      'EBS encryption by default is off in us-east-1 of account 111122223333',
    );
  });

  it('should be ERROR for a region whose setting cannot be read, never PASS', () => {
    expect(runCheck(check, failedSnapshot('ec2.ebsEncryptionByDefault'), oneRegion())).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:region',
      }),
    ]);
  });

  it('should report nothing when no region is scanned', () => {
    const none = checkContext({ regions: { scanned: [], enabled: [], notEnabled: [] } });
    expect(runCheck(check, new SnapshotBuilder(), none)).toEqual([]);
  });
});
