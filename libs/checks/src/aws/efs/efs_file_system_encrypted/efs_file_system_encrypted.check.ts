import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './efs_file_system_encrypted.metadata';

export const efsFileSystemEncrypted = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const fileSystems = collected.regional('efs.fileSystems', ctx.region);
  if (!fileSystems.ok) return [];
  return fileSystems.data.map((fs) => {
    const label = fs.name === undefined ? fs.fileSystemId : `${fs.fileSystemId} (${fs.name})`;
    const evidence = {
      encrypted: fs.encrypted,
      lifeCycleState: fs.lifeCycleState,
      ...(fs.kmsKeyId !== undefined ? { kmsKeyId: fs.kmsKeyId } : {}),
    };
    return fs.encrypted
      ? results.pass(
          fs.arn,
          `EFS file system ${label} ${where(ctx)} is encrypted at rest`,
          evidence,
        )
      : results.fail(
          fs.arn,
          `EFS file system ${label} ${where(ctx)} is not encrypted at rest`,
          evidence,
        );
  });
});
