import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { instanceEvidence, instanceName } from '../rds-resources';
import { metadata } from './rds_instance_not_publicly_accessible.metadata';

export const rdsInstanceNotPubliclyAccessible = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('rds.instances', ctx.region);
  if (!instances.ok) return [];
  return instances.data.map((db) => {
    const evidence = { ...instanceEvidence(db), publiclyAccessible: db.publiclyAccessible };
    return db.publiclyAccessible
      ? results.fail(db.arn, `${instanceName(db, ctx)} is publicly accessible`, evidence)
      : results.pass(db.arn, `${instanceName(db, ctx)} is not publicly accessible`, evidence);
  });
});
