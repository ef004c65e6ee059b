// Collected data of EC2 and VPC, per account × region.

export interface Ec2Instance {
  instanceId: string;
  arn: string;
  /** pending | running | shutting-down | terminated | stopping | stopped */
  state: string;
  /** The instance profile ARN, when one is attached. */
  iamInstanceProfileArn?: string;
  metadataOptions: {
    /** `required` means IMDSv2 only (else `optional`). */
    httpTokens: string;
    /** `disabled` means no metadata service at all (else `enabled`). */
    httpEndpoint: string;
  };
  vpcId?: string;
  subnetId?: string;
  securityGroupIds: string[];
  publicIpAddress?: string;
  launchTime?: string;
  tags: Record<string, string>;
}

export interface Vpc {
  vpcId: string;
  arn: string;
  cidrBlock?: string;
  isDefault: boolean;
  tags: Record<string, string>;
}

export interface FlowLog {
  flowLogId: string;
  /** The VPC, subnet or network interface it logs. */
  resourceId: string;
  /** ALL | ACCEPT | REJECT */
  trafficType: string;
  /** ACTIVE when delivering. */
  flowLogStatus: string;
  deliverLogsStatus?: string;
  logDestinationType?: string;
}

export interface Ec2Regional {
  'ec2.instances': Ec2Instance[];
  'ec2.vpcs': Vpc[];
  'ec2.flowLogs': FlowLog[];
}
