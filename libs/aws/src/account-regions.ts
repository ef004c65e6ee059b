// Region resolution for an account session, wired to EC2 through the client factory.
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { type AwsSession } from './aws-session';
import { type AwsClientFactory } from './client-factory';
import { type RegionResolution, resolveRegions } from './region-resolver';

/**
 * DescribeRegions (AllRegions) in the session's STS region, then one
 * DescribeAvailabilityZones per candidate region: a region an SCP denies or whose endpoint
 * refuses the session's tokens is reported, not scanned.
 */
export function resolveAccountRegions(
  clients: AwsClientFactory,
  session: AwsSession,
  requested?: readonly string[],
  /** Called with each EC2 client before use (e.g. to count its calls). */
  prepare: (client: EC2Client) => void = () => undefined,
): Promise<RegionResolution> {
  const ec2In = (region: string) => {
    const client = clients.createClient(EC2Client, { session, region, service: 'ec2' });
    prepare(client);
    return client;
  };
  return resolveRegions({
    ec2Client: ec2In(session.stsRegion),
    describeRegion: session.stsRegion,
    partition: session.partition,
    ...(requested !== undefined ? { requested } : {}),
    probe: async (region) => {
      await ec2In(region).send(new DescribeAvailabilityZonesCommand({}));
    },
  });
}
