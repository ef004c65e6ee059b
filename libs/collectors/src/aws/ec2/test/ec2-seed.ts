// Seeding moto's EC2 in a harness account for the EC2 collectors' int specs (test support,
// excluded from the build: `**/test/**`).
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { type CollectorHarness } from '@palisade/testing';

export const SEED_REGION = 'eu-west-1';

export interface Ec2Seed {
  readonly ec2: EC2Client;
  /** A new VPC with this CIDR; returns its id. */
  vpc(cidr: string): Promise<string>;
  /** A new subnet of the VPC; returns its id. */
  subnet(vpcId: string, cidr: string): Promise<string>;
  /** An AMI moto knows in the region (instances need one). */
  image(): Promise<string>;
}

export function ec2Seed(h: CollectorHarness, region = SEED_REGION): Ec2Seed {
  const ec2 = h.clients.createClient(EC2Client, { region, service: 'ec2', session: h.session });
  return {
    ec2,
    async vpc(cidr) {
      const out = await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }));
      const id = out.Vpc?.VpcId;
      if (id === undefined) throw new Error('moto created a VPC without an id');
      return id;
    },
    async subnet(vpcId, cidr) {
      const out = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr }));
      const id = out.Subnet?.SubnetId;
      if (id === undefined) throw new Error('moto created a subnet without an id');
      return id;
    },
    async image() {
      const out = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
      const id = out.Images?.[0]?.ImageId;
      if (id === undefined) throw new Error('moto has no AMI in the region');
      return id;
    },
  };
}
