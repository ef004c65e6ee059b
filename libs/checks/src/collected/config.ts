// Collected data of AWS Config, per account × region.

export interface ConfigRecordingGroup {
  /** Records every resource type supported in the region. */
  allSupported: boolean;
  /** Also records global resource types (IAM); only meaningful with `allSupported`. */
  includeGlobalResourceTypes: boolean;
  /** The resource types recorded when not `allSupported` (strategy INCLUSION_BY_RESOURCE_TYPES). */
  resourceTypes: string[];
  /** The resource types left out (strategy EXCLUSION_BY_RESOURCE_TYPES). */
  exclusionResourceTypes: string[];
  /** ALL_SUPPORTED_RESOURCE_TYPES | INCLUSION_BY_RESOURCE_TYPES | EXCLUSION_BY_RESOURCE_TYPES */
  recordingStrategy?: string;
}

export interface ConfigRecorder {
  name: string;
  arn?: string;
  roleArn?: string;
  /** Set for a service-linked recorder (created and managed by that AWS service). */
  servicePrincipal?: string;
  recordingGroup: ConfigRecordingGroup;
  /** CONTINUOUS | DAILY (the default recording frequency). */
  recordingFrequency?: string;
  /** `DescribeConfigurationRecorderStatus` for this recorder; absent when none was returned. */
  status?: {
    recording: boolean;
    /** PENDING | SUCCESS | FAILURE of the last attempt, as AWS sends it (any case). */
    lastStatus?: string;
    lastErrorCode?: string;
    lastStatusChangeTime?: string;
  };
}

export interface ConfigRegional {
  /** The configuration recorders of the region (AWS allows one customer-managed recorder). */
  'config.recorders': ConfigRecorder[];
}
