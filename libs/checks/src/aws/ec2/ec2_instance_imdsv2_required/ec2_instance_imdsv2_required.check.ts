import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { instanceLabel, judgedInstances } from '../instance-states';
import { metadata } from './ec2_instance_imdsv2_required.metadata';

export const ec2InstanceImdsv2Required = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('ec2.instances', ctx.region);
  if (!instances.ok) return [];
  return judgedInstances(instances.data).map((instance) => {
    const { httpTokens, httpEndpoint } = instance.metadataOptions;
    const evidence = { state: instance.state, httpTokens, httpEndpoint };
    const label = `Instance ${instanceLabel(instance)} ${where(ctx)}`;
    if (httpEndpoint === 'disabled') {
      return results.pass(instance.arn, `${label} has the metadata service turned off`, evidence);
    }
    return httpTokens === 'required'
      ? results.pass(instance.arn, `${label} allows only IMDSv2`, evidence)
      : results.fail(
          instance.arn,
          `${label} answers IMDSv1 requests (HttpTokens ${httpTokens})`,
          evidence,
        );
  });
});
