// ec2.routeTables: every route table of the region with its routes and associations.
import {
  EC2Client,
  type Route as SdkRoute,
  paginateDescribeRouteTables,
} from '@aws-sdk/client-ec2';
import { type Route, type RouteTable } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { defined, ec2Arn } from './ec2-shared';

const ROUTE_FIELDS = {
  destinationCidrBlock: 'DestinationCidrBlock',
  destinationIpv6CidrBlock: 'DestinationIpv6CidrBlock',
  destinationPrefixListId: 'DestinationPrefixListId',
  gatewayId: 'GatewayId',
  egressOnlyInternetGatewayId: 'EgressOnlyInternetGatewayId',
  natGatewayId: 'NatGatewayId',
  transitGatewayId: 'TransitGatewayId',
  vpcPeeringConnectionId: 'VpcPeeringConnectionId',
  networkInterfaceId: 'NetworkInterfaceId',
  instanceId: 'InstanceId',
  state: 'State',
} as const satisfies Record<keyof Route, keyof SdkRoute>;

function routeOf(r: SdkRoute): Route {
  const route: Route = {};
  for (const [field, sdkField] of Object.entries(ROUTE_FIELDS) as [keyof Route, keyof SdkRoute][]) {
    const value = r[sdkField];
    if (typeof value === 'string') route[field] = value;
  }
  return route;
}

export const ec2RouteTablesCollector = defineCollector({
  key: 'ec2.routeTables',
  scope: 'regional',
  operations: ['ec2:DescribeRouteTables'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const tables: RouteTable[] = [];
    for await (const page of paginateDescribeRouteTables({ client }, {})) {
      for (const t of page.RouteTables ?? []) {
        if (t.RouteTableId === undefined) continue;
        const associations = t.Associations ?? [];
        const table: RouteTable = {
          routeTableId: t.RouteTableId,
          arn: ec2Arn(ctx, 'route-table', t.RouteTableId),
          main: associations.some((a) => a.Main === true),
          subnetIds: defined(associations.map((a) => a.SubnetId)),
          routes: (t.Routes ?? []).map(routeOf),
        };
        if (t.VpcId !== undefined) table.vpcId = t.VpcId;
        tables.push(table);
      }
    }
    return tables;
  },
});
