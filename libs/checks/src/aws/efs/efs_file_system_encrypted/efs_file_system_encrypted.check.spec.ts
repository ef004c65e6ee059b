import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type EfsFileSystem } from '../../../collected/efs';
import { efsFileSystemEncrypted } from './efs_file_system_encrypted.check';

function fileSystem(id: string, encrypted: boolean, name?: string): EfsFileSystem {
  return {
    fileSystemId: id,
    arn: `arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/${id}`,
    encrypted,
    lifeCycleState: 'available',
    ...(name === undefined ? {} : { name }),
    ...(encrypted ? { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1' } : {}),
  };
}

function snapshot(euWest1: EfsFileSystem[]) {
  return new SnapshotBuilder()
    .setRegional('efs.fileSystems', 'eu-west-1', ok(euWest1))
    .setRegional('efs.fileSystems', 'us-east-1', ok([]));
}

describe('efs_file_system_encrypted', () => {
  it('should PASS an encrypted file system and FAIL an unencrypted one, naming them', () => {
    const results = runCheck(
      efsFileSystemEncrypted,
      snapshot([fileSystem('fs-1', true, 'home'), fileSystem('fs-2', false)]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1',
        resourceType: 'AwsEfsFileSystem',
        message:
          'EFS file system fs-1 (home) in eu-west-1 of account 111122223333 is encrypted at rest',
        evidence: {
          encrypted: true,
          lifeCycleState: 'available',
          kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
        },
      }),
      expect.objectContaining({
        status: 'FAIL',
        message:
          'EFS file system fs-2 in eu-west-1 of account 111122223333 is not encrypted at rest',
      }),
    ]);
  });

  it('should be ERROR with the collector’s code for the region whose file systems cannot be listed', () => {
    const results = runCheck(
      efsFileSystemEncrypted,
      new SnapshotBuilder()
        .setRegional('efs.fileSystems', 'eu-west-1', ok([fileSystem('fs-1', true)]))
        .setRegional('efs.fileSystems', 'us-east-1', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results.map((r) => [r.region, r.status, r.errorCode])).toEqual([
      ['eu-west-1', 'PASS', undefined],
      ['us-east-1', 'ERROR', 'ACCESS_DENIED'],
    ]);
  });

  it('should report nothing when there are no file systems', () => {
    expect(runCheck(efsFileSystemEncrypted, snapshot([]))).toEqual([]);
  });
});
