import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { instanceLabel, judgedInstances } from '../instance-states';
import { metadata } from './ec2_instance_profile_attached.metadata';

export const ec2InstanceProfileAttached = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('ec2.instances', ctx.region);
  if (!instances.ok) return [];
  return judgedInstances(instances.data).map((instance) => {
    const evidence = { state: instance.state, vpcId: instance.vpcId };
    return instance.iamInstanceProfileArn === undefined
      ? results.fail(
          instance.arn,
          `Instance ${instanceLabel(instance)} ${where(ctx)} has no IAM instance profile`,
          evidence,
        )
      : results.pass(
          instance.arn,
          `Instance ${instanceLabel(instance)} ${where(ctx)} uses instance profile ${instance.iamInstanceProfileArn}`,
          { ...evidence, instanceProfileArn: instance.iamInstanceProfileArn },
        );
  });
});
