// Collected data of CloudTrail, per account × region. A multi-region trail is listed in every
// region (`DescribeTrails` with `includeShadowTrails`), with its home region.
import { type Outcome } from '../framework/outcome';

export interface DataResourceSelector {
  /** Basic selectors: `AWS::S3::Object` with values such as `arn:aws:s3` (all buckets). */
  type: string;
  values: string[];
}

export interface AdvancedFieldSelector {
  field: string;
  equals?: string[];
  startsWith?: string[];
  notEquals?: string[];
  notStartsWith?: string[];
  endsWith?: string[];
  notEndsWith?: string[];
}

export interface TrailEventSelectors {
  basic: {
    /** ReadOnly | WriteOnly | All */
    readWriteType: string;
    includeManagementEvents: boolean;
    dataResources: DataResourceSelector[];
    /** Management event sources left out (e.g. `kms.amazonaws.com`), when any. */
    excludeManagementEventSources?: string[];
  }[];
  advanced: { name?: string; fieldSelectors: AdvancedFieldSelector[] }[];
}

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  s3BucketName?: string;
  s3KeyPrefix?: string;
  /** Whether global service events (IAM, STS, CloudFront) are delivered. */
  includeGlobalServiceEvents?: boolean;
  kmsKeyId?: string;
  logFileValidationEnabled: boolean;
  /** The CloudWatch Logs log group ARN the trail delivers to, if any. */
  cloudWatchLogsLogGroupArn?: string;
  /** `GetTrailStatus`: whether it is logging now. */
  status: Outcome<{ isLogging: boolean; latestDeliveryTime?: string }>;
  eventSelectors: Outcome<TrailEventSelectors>;
}

export interface CloudTrailRegional {
  'cloudtrail.trails': Trail[];
}
