import { type NetworkInterface, type RouteTable, type VpcEndpoint } from '../../../collected/ec2';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './vpc_endpoints_used_for_services.metadata';

/** Interfaces AWS creates for network plumbing, not for workloads calling AWS services. */
const PLUMBING_INTERFACE_TYPES = new Set([
  'vpc_endpoint',
  'gateway_load_balancer_endpoint',
  'nat_gateway',
  'transit_gateway',
]);

function isWorkload(eni: NetworkInterface): boolean {
  return eni.status === 'in-use' && !PLUMBING_INTERFACE_TYPES.has(eni.interfaceType ?? 'interface');
}

/** `com.amazonaws.eu-west-1.s3` → `s3`; other names (marketplace, own services) unchanged. */
function shortService(endpoint: VpcEndpoint, region: string): string {
  const prefix = `.${region}.`;
  const at = endpoint.serviceName.indexOf(prefix);
  return at === -1 ? endpoint.serviceName : endpoint.serviceName.slice(at + prefix.length);
}

/** Routes of the VPC's tables that send all addresses to an internet, egress-only or NAT gateway. */
function internetRoutes(tables: readonly RouteTable[]) {
  return tables.flatMap((t) =>
    t.routes
      .filter(
        (r) =>
          (r.destinationCidrBlock === '0.0.0.0/0' || r.destinationIpv6CidrBlock === '::/0') &&
          r.state !== 'blackhole' &&
          (r.gatewayId?.startsWith('igw-') === true ||
            r.natGatewayId !== undefined ||
            r.egressOnlyInternetGatewayId !== undefined),
      )
      .map((r) => ({
        routeTableId: t.routeTableId,
        destination: r.destinationCidrBlock ?? r.destinationIpv6CidrBlock,
        target: r.natGatewayId ?? r.egressOnlyInternetGatewayId ?? r.gatewayId,
      })),
  );
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export const vpcEndpointsUsedForServices = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const vpcs = collected.regional('ec2.vpcs', ctx.region);
  const endpoints = collected.regional('ec2.vpcEndpoints', ctx.region);
  const interfaces = collected.regional('ec2.networkInterfaces', ctx.region);
  const tables = collected.regional('ec2.routeTables', ctx.region);
  if (!vpcs.ok || !endpoints.ok || !interfaces.ok || !tables.ok) return [];
  return vpcs.data.map((vpc) => {
    const label = `VPC ${vpc.vpcId}${vpc.isDefault ? ' (default)' : ''} ${where(ctx)}`;
    const workloads = interfaces.data.filter((n) => n.vpcId === vpc.vpcId && isWorkload(n));
    if (workloads.length === 0) {
      return results.pass(
        vpc.arn,
        `${label} has no workload network interfaces in use, so nothing in it calls AWS services`,
        { workloadInterfaces: 0 },
      );
    }
    const available = endpoints.data
      .filter((e) => e.vpcId === vpc.vpcId && e.state === 'available')
      .map((e) => ({
        vpcEndpointId: e.vpcEndpointId,
        service: shortService(e, ctx.region),
        type: e.vpcEndpointType,
      }));
    const evidence = {
      workloadInterfaces: workloads.length,
      workloadInterfaceTypes: countBy(workloads, (n) => n.interfaceType ?? 'interface'),
      endpoints: available,
      internetRoutes: internetRoutes(tables.data.filter((t) => t.vpcId === vpc.vpcId)),
    };
    if (available.length === 0) {
      return results.fail(
        vpc.arn,
        `${label} has ${workloads.length} workload network interfaces in use and no VPC endpoint, so its calls to AWS services leave the VPC`,
        evidence,
      );
    }
    const services = [...new Set(available.map((e) => e.service))].sort();
    return results.manual(
      vpc.arn,
      `${label} has ${workloads.length} workload network interfaces and endpoints for ${services.join(', ')}: decide whether every AWS service its workloads call has an endpoint`,
      evidence,
    );
  });
});
