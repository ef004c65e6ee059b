// ec2.vpcEndpoints: every VPC endpoint of the region (gateway, interface, load balancer, ...).
import { EC2Client, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import { type VpcEndpoint } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { ec2Arn } from './ec2-shared';

export const ec2VpcEndpointsCollector = defineCollector({
  key: 'ec2.vpcEndpoints',
  scope: 'regional',
  operations: ['ec2:DescribeVpcEndpoints'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const endpoints: VpcEndpoint[] = [];
    for await (const page of paginateDescribeVpcEndpoints({ client }, {})) {
      for (const e of page.VpcEndpoints ?? []) {
        if (e.VpcEndpointId === undefined) continue;
        const endpoint: VpcEndpoint = {
          vpcEndpointId: e.VpcEndpointId,
          arn: ec2Arn(ctx, 'vpc-endpoint', e.VpcEndpointId),
          serviceName: e.ServiceName ?? '',
          vpcEndpointType: e.VpcEndpointType ?? 'unknown',
          state: (e.State ?? 'unknown').toLowerCase(),
          routeTableIds: e.RouteTableIds ?? [],
          subnetIds: e.SubnetIds ?? [],
        };
        if (e.VpcId !== undefined) endpoint.vpcId = e.VpcId;
        endpoints.push(endpoint);
      }
    }
    return endpoints;
  },
});
