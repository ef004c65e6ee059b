// Collected data of EFS, per account × region.

export interface EfsFileSystem {
  fileSystemId: string;
  arn: string;
  /** The `Name` tag, when set. */
  name?: string;
  /** Encryption at rest (fixed when the file system is created). */
  encrypted: boolean;
  /** The KMS key of an encrypted file system. */
  kmsKeyId?: string;
  /** creating | available | updating | deleting | deleted | error */
  lifeCycleState: string;
}

export interface EfsRegional {
  'efs.fileSystems': EfsFileSystem[];
}
