import { type Route, type RouteTable, type VpcPeeringConnection } from '../../../collected/ec2';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { cidrContains, cidrEquals, parseCidr } from '../cidr';
import { metadata } from './vpc_peering_routes_least_access.metadata';

/**
 * How one peering route compares with the peer VPC's CIDR blocks: `subnet` (strictly inside),
 * `whole-vpc` (equal to a block), `wider` (not inside any block), `unknown` (prefix list, or the
 * peer's blocks are not visible).
 */
type Reach = 'subnet' | 'whole-vpc' | 'wider' | 'unknown';

interface PeeringRoute {
  destination: string;
  vpcPeeringConnectionId: string;
  peeringStatus?: string;
  peerVpcId?: string;
  peerCidrBlocks: string[];
  reach: Reach;
}

function reachOf(destination: string | undefined, peerBlocks: readonly string[]): Reach {
  const dest = destination === undefined ? undefined : parseCidr(destination);
  if (dest === undefined) return 'unknown';
  const blocks = peerBlocks
    .map(parseCidr)
    .filter((b): b is NonNullable<typeof b> => b?.family === dest.family);
  if (blocks.length === 0) return 'unknown';
  if (blocks.some((b) => cidrEquals(b, dest))) return 'whole-vpc';
  return blocks.some((b) => cidrContains(b, dest)) ? 'subnet' : 'wider';
}

function judge(
  table: RouteTable,
  route: Route & { vpcPeeringConnectionId: string },
  connections: ReadonlyMap<string, VpcPeeringConnection>,
): PeeringRoute {
  const destination =
    route.destinationCidrBlock ??
    route.destinationIpv6CidrBlock ??
    route.destinationPrefixListId ??
    'unknown';
  const connection = connections.get(route.vpcPeeringConnectionId);
  if (connection === undefined) {
    return {
      destination,
      vpcPeeringConnectionId: route.vpcPeeringConnectionId,
      peerCidrBlocks: [],
      reach: 'unknown',
    };
  }
  const peer =
    table.vpcId !== undefined && table.vpcId === connection.accepter.vpcId
      ? connection.requester
      : connection.accepter;
  const peerCidrBlocks =
    route.destinationIpv6CidrBlock === undefined ? peer.cidrBlocks : peer.ipv6CidrBlocks;
  const judged: PeeringRoute = {
    destination,
    vpcPeeringConnectionId: route.vpcPeeringConnectionId,
    peeringStatus: connection.status,
    peerCidrBlocks,
    reach: reachOf(route.destinationCidrBlock ?? route.destinationIpv6CidrBlock, peerCidrBlocks),
  };
  if (peer.vpcId !== undefined) judged.peerVpcId = peer.vpcId;
  return judged;
}

function describe(route: PeeringRoute): string {
  const peer = `peer VPC ${route.peerVpcId ?? 'unknown'} (${route.peerCidrBlocks.join(', ') || 'CIDR blocks not visible'})`;
  return `${route.destination} to ${route.vpcPeeringConnectionId}, ${peer}`;
}

export const vpcPeeringRoutesLeastAccess = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const tables = collected.regional('ec2.routeTables', ctx.region);
  const peerings = collected.regional('ec2.vpcPeeringConnections', ctx.region);
  if (!tables.ok || !peerings.ok) return [];
  const connections = new Map(peerings.data.map((c) => [c.vpcPeeringConnectionId, c]));
  return tables.data.flatMap((table) => {
    const peeringRoutes = table.routes.filter(
      (r): r is Route & { vpcPeeringConnectionId: string } =>
        r.vpcPeeringConnectionId !== undefined,
    );
    if (peeringRoutes.length === 0) return [];
    const blackholes = peeringRoutes.filter((r) => r.state === 'blackhole');
    const judged = peeringRoutes
      .filter((r) => r.state !== 'blackhole')
      .map((r) => judge(table, r, connections));
    const label = `Route table ${table.routeTableId} of ${table.vpcId ?? 'no VPC'} ${where(ctx)}`;
    const evidence = {
      vpcId: table.vpcId,
      main: table.main,
      subnetIds: table.subnetIds,
      peeringRoutes: judged,
      blackholeRoutes: blackholes.map((r) => ({
        destination:
          r.destinationCidrBlock ?? r.destinationIpv6CidrBlock ?? r.destinationPrefixListId,
        vpcPeeringConnectionId: r.vpcPeeringConnectionId,
      })),
    };
    const wider = judged.filter((r) => r.reach === 'wider');
    if (wider.length > 0) {
      return [
        results.fail(
          table.arn,
          `${label} routes beyond the peer VPC’s address ranges: ${wider.map(describe).join('; ')}`,
          evidence,
        ),
      ];
    }
    const open = judged.filter((r) => r.reach === 'whole-vpc' || r.reach === 'unknown');
    if (open.length > 0) {
      return [
        results.manual(
          table.arn,
          `${label} routes whole peer VPCs or unverifiable ranges to peering connections (${open.map(describe).join('; ')}): decide whether every peer subnet must be reachable`,
          evidence,
        ),
      ];
    }
    return [
      results.pass(
        table.arn,
        judged.length === 0
          ? `${label} has only blackhole routes to peering connections`
          : `${label} routes only subnet ranges of peer VPCs to peering connections`,
        evidence,
      ),
    ];
  });
});
