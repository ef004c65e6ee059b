// Collected data of SNS, per account × region.
import { type Outcome } from '../framework/outcome';

export interface SnsTopic {
  arn: string;
  name: string;
  /** The topic's access policy (JSON text). */
  policy: Outcome<string | null>;
  /** Confirmed subscriptions (`SubscriptionsConfirmed` of the topic's attributes). */
  subscriptionsConfirmed: Outcome<number>;
}

export interface SnsRegional {
  'sns.topics': SnsTopic[];
}
