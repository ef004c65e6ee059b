// Collected data of Amazon Inspector2, per account × region: whether it scans the account there.

export interface Inspector2Status {
  /** ENABLED when EC2, ECR or Lambda scanning is ENABLED. */
  status: 'ENABLED' | 'NOT_ENABLED';
  /** Inspector2's own account state (ENABLED, DISABLED, SUSPENDED, ...), when reported. */
  state?: string;
  /** Scanning state per resource type (ec2, ecr, lambda, ...). */
  resourceState: Record<string, string>;
}

export interface Inspector2Regional {
  'inspector2.status': Inspector2Status;
}
