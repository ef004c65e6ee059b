import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { instanceEvidence, instanceName } from '../rds-resources';
import { metadata } from './rds_instance_minor_version_upgrade_enabled.metadata';

export const rdsInstanceMinorVersionUpgradeEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('rds.instances', ctx.region);
  if (!instances.ok) return [];
  return instances.data.map((db) => {
    const evidence = {
      ...instanceEvidence(db),
      autoMinorVersionUpgrade: db.autoMinorVersionUpgrade,
    };
    return db.autoMinorVersionUpgrade
      ? results.pass(
          db.arn,
          `${instanceName(db, ctx)} upgrades minor versions automatically`,
          evidence,
        )
      : results.fail(
          db.arn,
          `${instanceName(db, ctx)} has Auto Minor Version Upgrade turned off`,
          evidence,
        );
  });
});
