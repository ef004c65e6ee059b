// Builders of collected EC2 data for the ec2 and vpc check specs, beside the framework's
// check-kit they extend (a folder here would read as a check to the registry).
import { type CheckResult } from '@palisade/contracts';
import { type CollectorKey, type RegionalKey, type CollectedData } from '../../collected';
import {
  type Ec2Instance,
  type NetworkAcl,
  type NetworkAclEntry,
  type NetworkInterface,
  type SecurityGroup,
  type SecurityGroupPermission,
} from '../../collected/ec2';
import { type Check } from '../../framework/check';
import { checkContext, KIT_ACCOUNT, runCheck } from '../../framework/check-kit';
import { type CheckContext } from '../../framework/context';
import { failed, ok } from '../../framework/outcome';
import { SnapshotBuilder } from '../../framework/snapshot';

export const REGION = 'eu-west-1';

/** A job scanning only eu-west-1 (us-east-1 enabled but not scanned). */
export function oneRegion(
  overrides: Partial<Omit<CheckContext, 'region'>> = {},
): Omit<CheckContext, 'region'> {
  return checkContext({
    regions: { scanned: [REGION], enabled: [REGION, 'us-east-1'], notEnabled: ['me-south-1'] },
    ...overrides,
  });
}

/** A snapshot of eu-west-1 with the given regional data. */
export function regionSnapshot(data: {
  [K in RegionalKey]?: CollectedData<K>;
}): SnapshotBuilder {
  const snapshot = new SnapshotBuilder();
  for (const [key, value] of Object.entries(data) as [RegionalKey, never][]) {
    snapshot.setRegional(key, REGION, ok(value));
  }
  return snapshot;
}

/** As `regionSnapshot`, with one key's collector failed. */
export function failedSnapshot(
  key: RegionalKey & CollectorKey,
  data: { [K in RegionalKey]?: CollectedData<K> } = {},
): SnapshotBuilder {
  return regionSnapshot(data).setRegional(key, REGION, failed('ACCESS_DENIED', 'denied'));
}

export function arnOf(type: string, id: string): string {
  return `arn:aws:ec2:${REGION}:${KIT_ACCOUNT}:${type}/${id}`;
}

export function permission(
  p: Partial<SecurityGroupPermission> & { ipProtocol: string },
): SecurityGroupPermission {
  return { ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [], ...p };
}

/** A TCP rule for one port or a `[from, to]` range, from the given sources. */
export function tcp(
  ports: number | [number, number],
  sources: Omit<Partial<SecurityGroupPermission>, 'ipProtocol'>,
): SecurityGroupPermission {
  const [fromPort, toPort] = typeof ports === 'number' ? [ports, ports] : ports;
  return permission({ ipProtocol: 'tcp', fromPort, toPort, ...sources });
}

export function securityGroup(
  groupId: string,
  ingress: SecurityGroupPermission[],
  more: Partial<SecurityGroup> = {},
): SecurityGroup {
  return {
    groupId,
    groupName: `name-${groupId}`,
    arn: arnOf('security-group', groupId),
    vpcId: 'vpc-1',
    ingress,
    egress: [],
    tags: {},
    ...more,
  };
}

/** A check's results for eu-west-1 holding these security groups, in a job scanning only it. */
export function runOnGroups(
  check: Check,
  groups: SecurityGroup[],
  context: Omit<CheckContext, 'region'> = oneRegion(),
): CheckResult[] {
  return runCheck(check, regionSnapshot({ 'ec2.securityGroups': groups }), context);
}

export function aclEntry(
  ruleNumber: number,
  ruleAction: 'allow' | 'deny',
  more: Partial<NetworkAclEntry> = {},
): NetworkAclEntry {
  return { ruleNumber, protocol: '-1', ruleAction, egress: false, cidrBlock: '0.0.0.0/0', ...more };
}

export function networkAcl(networkAclId: string, entries: NetworkAclEntry[]): NetworkAcl {
  return {
    networkAclId,
    arn: arnOf('network-acl', networkAclId),
    vpcId: 'vpc-1',
    isDefault: false,
    subnetIds: ['subnet-1'],
    entries,
    tags: {},
  };
}

export function instance(instanceId: string, more: Partial<Ec2Instance> = {}): Ec2Instance {
  return {
    instanceId,
    arn: arnOf('instance', instanceId),
    state: 'running',
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
    vpcId: 'vpc-1',
    securityGroupIds: [],
    tags: {},
    ...more,
  };
}

export function networkInterface(
  networkInterfaceId: string,
  more: Partial<NetworkInterface> = {},
): NetworkInterface {
  return {
    networkInterfaceId,
    vpcId: 'vpc-1',
    interfaceType: 'interface',
    status: 'in-use',
    groupIds: [],
    requesterManaged: false,
    ...more,
  };
}
