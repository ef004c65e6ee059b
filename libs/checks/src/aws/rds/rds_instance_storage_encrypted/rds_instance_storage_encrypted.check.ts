import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { instanceEvidence, instanceName } from '../rds-resources';
import { metadata } from './rds_instance_storage_encrypted.metadata';

export const rdsInstanceStorageEncrypted = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('rds.instances', ctx.region);
  if (!instances.ok) return [];
  return instances.data.map((db) => {
    const evidence = {
      ...instanceEvidence(db),
      storageEncrypted: db.storageEncrypted,
      ...(db.kmsKeyId !== undefined ? { kmsKeyId: db.kmsKeyId } : {}),
    };
    return db.storageEncrypted
      ? results.pass(db.arn, `${instanceName(db, ctx)} has its storage encrypted at rest`, evidence)
      : results.fail(
          db.arn,
          `${instanceName(db, ctx)} does not encrypt its storage at rest`,
          evidence,
        );
  });
});
