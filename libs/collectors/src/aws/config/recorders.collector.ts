// config.recorders: the region's configuration recorders with their recording status.
import {
  ConfigServiceClient,
  type ConfigurationRecorder as SdkRecorder,
  type ConfigurationRecorderStatus,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import { type ConfigRecorder } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function statusOf(s: ConfigurationRecorderStatus): NonNullable<ConfigRecorder['status']> {
  const status: NonNullable<ConfigRecorder['status']> = { recording: s.recording ?? false };
  if (s.lastStatus !== undefined) status.lastStatus = s.lastStatus;
  if (s.lastErrorCode !== undefined) status.lastErrorCode = s.lastErrorCode;
  if (s.lastStatusChangeTime !== undefined) {
    status.lastStatusChangeTime = s.lastStatusChangeTime.toISOString();
  }
  return status;
}

function recorderOf(
  r: SdkRecorder & { name: string },
  status: ConfigurationRecorderStatus | undefined,
): ConfigRecorder {
  const group = r.recordingGroup;
  const recorder: ConfigRecorder = {
    name: r.name,
    recordingGroup: {
      // A recorder without a recording group records every supported type (AWS's default).
      allSupported: group?.allSupported ?? group === undefined,
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      resourceTypes: group?.resourceTypes ?? [],
      exclusionResourceTypes: group?.exclusionByResourceTypes?.resourceTypes ?? [],
    },
  };
  const strategy = group?.recordingStrategy?.useOnly;
  if (strategy !== undefined) recorder.recordingGroup.recordingStrategy = strategy;
  if (r.arn !== undefined) recorder.arn = r.arn;
  if (r.roleARN !== undefined) recorder.roleArn = r.roleARN;
  if (r.servicePrincipal !== undefined) recorder.servicePrincipal = r.servicePrincipal;
  const frequency = r.recordingMode?.recordingFrequency;
  if (frequency !== undefined) recorder.recordingFrequency = frequency;
  if (status !== undefined) recorder.status = statusOf(status);
  return recorder;
}

export const configRecordersCollector = defineCollector({
  key: 'config.recorders',
  scope: 'regional',
  operations: [
    'config:DescribeConfigurationRecorders',
    'config:DescribeConfigurationRecorderStatus',
  ],
  async collect(ctx) {
    const client = ctx.client(ConfigServiceClient, 'config');
    // Both calls answer for every recorder of the region at once (no pagination).
    const { ConfigurationRecorders = [] } = await client.send(
      new DescribeConfigurationRecordersCommand({}),
    );
    const named = ConfigurationRecorders.filter(
      (r): r is SdkRecorder & { name: string } => r.name !== undefined,
    );
    if (named.length === 0) return [];
    const { ConfigurationRecordersStatus = [] } = await client.send(
      new DescribeConfigurationRecorderStatusCommand({}),
    );
    return named.map((r) =>
      recorderOf(
        r,
        ConfigurationRecordersStatus.find((s) => s.name === r.name),
      ),
    );
  },
});
