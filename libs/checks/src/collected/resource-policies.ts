// Collected data of the resources whose resource-based policies CIS 2.21 reads (SQS queues,
// Glacier vaults, Secrets Manager secrets, EventBridge buses), per account × region. S3 buckets,
// SNS topics, KMS keys and Lambda functions carry their policies in their own services' files.
import { type Outcome } from '../framework/outcome';

export interface SqsQueue {
  name: string;
  url: string;
  /** `arn:<partition>:sqs:<region>:<account>:<name>` (built from the queue URL). */
  arn: string;
  /** The queue's access policy (`Policy` attribute, JSON text), or null when it has none. */
  policy: Outcome<string | null>;
}

export interface GlacierVault {
  name: string;
  arn: string;
  /** The vault access policy (JSON text), or null when the vault has none. */
  policy: Outcome<string | null>;
}

export interface SecretsManagerSecret {
  name: string;
  arn: string;
  /** The secret's resource policy (JSON text), or null when it has none. */
  policy: Outcome<string | null>;
}

export interface EventBus {
  name: string;
  arn: string;
  /** The bus's resource policy (JSON text, part of `ListEventBuses`), or null when it has none. */
  policy: string | null;
}

export interface ResourcePoliciesRegional {
  'sqs.queues': SqsQueue[];
  'glacier.vaults': GlacierVault[];
  'secretsmanager.secrets': SecretsManagerSecret[];
  'eventbridge.buses': EventBus[];
}
