// Collected data of RDS, per account × region.

export interface RdsInstance {
  id: string;
  arn: string;
  engine: string;
  status: string;
  storageEncrypted: boolean;
  autoMinorVersionUpgrade: boolean;
  publiclyAccessible: boolean;
  multiAz: boolean;
  /** Set when the instance is a member of an Aurora / Multi-AZ DB cluster. */
  clusterId?: string;
  engineVersion?: string;
  /** The KMS key of encrypted storage. */
  kmsKeyId?: string;
}

export interface RdsCluster {
  id: string;
  arn: string;
  engine: string;
  storageEncrypted: boolean;
  multiAz: boolean;
  engineVersion?: string;
  /** The KMS key of encrypted storage. */
  kmsKeyId?: string;
}

export interface RdsRegional {
  'rds.instances': RdsInstance[];
  'rds.clusters': RdsCluster[];
}
