// Which regions of an account to scan: the enabled ones (DescribeRegions with AllRegions,
// OptInStatus opt-in-not-required or opted-in) ∩ the requested ones. Nothing requested is
// dropped silently: every requested region is either scanned or reported with a code.
import { DescribeRegionsCommand, type DescribeRegionsCommandOutput } from '@aws-sdk/client-ec2';
import { type AwsErrorCode, classifyAwsError } from './error-classification';
import { type Partition, partitionOfRegion } from './partition';

export interface RegionInfo {
  regionName: string;
  optInStatus?: string;
}

export interface NotEnabledRegion {
  region: string;
  code: Extract<AwsErrorCode, 'REGION_NOT_ENABLED' | 'INVALID_TOKEN_IN_REGION'>;
}

export interface DeniedRegion {
  region: string;
  code: AwsErrorCode;
  message: string;
}

export interface RegionResolution {
  regions: string[];
  notEnabled: NotEnabledRegion[];
  denied: DeniedRegion[];
  /** Every region of the partition DescribeRegions lists as enabled (the benchmark's "all regions"). */
  enabled: string[];
  /** Regions of the partition the account has not opted into (evidence, never an error). */
  optedOut: string[];
}

/** The one thing needed of an EC2 client. */
export interface DescribeRegionsClient {
  send(command: DescribeRegionsCommand): Promise<DescribeRegionsCommandOutput>;
}

export interface ResolveRegionsInput {
  /** How to list the account's regions: a function, or an EC2 client. */
  describeRegions?: () => Promise<RegionInfo[]>;
  ec2Client?: DescribeRegionsClient;
  /** Regions asked for (default: every enabled region). */
  requested?: readonly string[];
  /** Keep only this partition's regions (emulators list every partition's). */
  partition?: Partition;
  /**
   * A cheap call in each candidate region. Catches what DescribeRegions cannot see: an SCP
   * that denies the region, tokens the region does not accept. Failing regions are reported.
   */
  probe?: (region: string) => Promise<void>;
  /** Where DescribeRegions runs: names the failure when nothing was requested. */
  describeRegion?: string;
}

const ENABLED = new Set(['opt-in-not-required', 'opted-in']);
const NOT_ENABLED_CODES = new Set<AwsErrorCode>(['REGION_NOT_ENABLED', 'INVALID_TOKEN_IN_REGION']);
const DENIED_CODES = new Set<AwsErrorCode>(['ACCESS_DENIED', 'SCP_DENIED']);

async function listRegions(input: ResolveRegionsInput): Promise<RegionInfo[]> {
  if (input.describeRegions) return input.describeRegions();
  if (!input.ec2Client) throw new Error('resolveRegions needs describeRegions or ec2Client');
  const out = await input.ec2Client.send(new DescribeRegionsCommand({ AllRegions: true }));
  return (out.Regions ?? []).flatMap((r) =>
    r.RegionName ? [{ regionName: r.RegionName, optInStatus: r.OptInStatus }] : [],
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export async function resolveRegions(input: ResolveRegionsInput): Promise<RegionResolution> {
  const requested = input.requested ? unique(input.requested) : undefined;
  let listed: RegionInfo[];
  try {
    listed = await listRegions(input);
  } catch (err) {
    const c = classifyAwsError(err);
    const message = `DescribeRegions failed: ${c.message}`;
    const regions = requested ?? [input.describeRegion ?? 'global'];
    return {
      regions: [],
      notEnabled: [],
      denied: regions.map((region) => ({ region, code: c.code, message })),
      enabled: [],
      optedOut: [],
    };
  }

  const inPartition = (r: string) =>
    input.partition === undefined || partitionOfRegion(r) === input.partition;
  const partitionRegions = listed.filter((r) => inPartition(r.regionName));
  const isEnabled = (r: RegionInfo) => r.optInStatus === undefined || ENABLED.has(r.optInStatus);
  const enabled = new Set(partitionRegions.filter(isEnabled).map((r) => r.regionName));
  const listing = {
    enabled: [...enabled].sort(),
    optedOut: partitionRegions
      .filter((r) => !isEnabled(r))
      .map((r) => r.regionName)
      .sort(),
  };
  const candidates = requested ? requested.filter((r) => enabled.has(r)) : [...enabled].sort();
  const notEnabled: NotEnabledRegion[] = (requested ?? [])
    .filter((r) => !enabled.has(r))
    .map((region) => ({ region, code: 'REGION_NOT_ENABLED' }));
  const denied: DeniedRegion[] = [];

  if (!input.probe) return { regions: candidates, notEnabled, denied, ...listing };
  const probe = input.probe;
  const outcomes = await Promise.all(
    candidates.map(async (region) => {
      try {
        await probe(region);
        return { region };
      } catch (err) {
        return { region, error: classifyAwsError(err) };
      }
    }),
  );
  const regions: string[] = [];
  for (const { region, error } of outcomes) {
    if (error && NOT_ENABLED_CODES.has(error.code)) {
      notEnabled.push({ region, code: error.code as NotEnabledRegion['code'] });
    } else if (error && DENIED_CODES.has(error.code)) {
      denied.push({ region, code: error.code, message: error.message });
    } else {
      // Success, or a transient failure (throttling, network): the region stays in scope and
      // its collectors report their own errors.
      regions.push(region);
    }
  }
  return { regions, notEnabled, denied, ...listing };
}
