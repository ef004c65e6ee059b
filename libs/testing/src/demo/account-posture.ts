// One account's security posture, as the demo declares it: the controls it has (strong password
// policy, a hardened trail, encryption by default, ...) and the misconfigurations it carries
// (public buckets, open admin ports, users without MFA, ...); and the check results seeding it
// implies (seed-account-posture.ts derives them from the declaration and the ids moto created).
import { ALL_CHECKS, accountResource, regionResource } from '@palisade/checks';
import { type ProxyCredentials } from '../aws-proxy';
import { type DemoCveKey, type DemoSeverity } from './demo-cves';

export interface DemoIamUser {
  readonly name: string;
  /** A console password and no MFA device (moto cannot attach one to a password user here). */
  readonly console?: boolean;
  readonly accessKey?: boolean;
  /** An inline policy on the user rather than through a group. */
  readonly directPolicy?: boolean;
  /** A group the user is in (created with a read-only inline policy). */
  readonly group?: string;
}

export interface DemoBucket {
  /** The bucket is `<name>-<account id>` (bucket names are global, in moto too). */
  readonly name: string;
  /** A policy letting anyone read objects and no Block Public Access; else locked down. */
  readonly public?: boolean;
}

export interface DemoOpenPort {
  /** The security group's name (in the region's default VPC). */
  readonly name: string;
  readonly port: 22 | 3389 | 445;
  readonly source: '0.0.0.0/0' | '::/0';
  readonly region: string;
}

export interface DemoFindingSpec {
  readonly cve: DemoCveKey;
  readonly region: string;
  /** The instance's Name (the finding's resource is a stable id derived from it). */
  readonly host: string;
}

/**
 * What an account has. Absent settings are moto's defaults: no password policy, no security
 * contact, no trail, no encryption by default, no flow logs, Security Hub, Config or Inspector2.
 */
export interface DemoPosture {
  /** strong: 14 characters, 24 remembered; weak: 8 characters, 5 remembered. */
  readonly passwordPolicy?: 'strong' | 'weak';
  readonly securityContact?: boolean;
  /**
   * hardened: multi-region, logging all management events, log file validation, a KMS key with
   * rotation, delivering to a locked-down bucket with server access logging.
   * single-region: a trail homed in `resourceRegion` only, without validation or KMS.
   */
  readonly cloudTrail?: 'hardened' | 'single-region';
  /** In every region, likewise the next four. */
  readonly ebsEncryptionByDefault?: boolean;
  /** On the default VPC. */
  readonly flowLogs?: boolean;
  readonly securityHub?: boolean;
  readonly configRecorder?: boolean;
  /** Inspector2 scanning EC2 and ECR. */
  readonly inspector?: boolean;
  readonly users?: readonly DemoIamUser[];
  /** A role with a customer-managed `*:*` policy attached. */
  readonly adminRole?: string;
  readonly buckets?: readonly DemoBucket[];
  readonly openPorts?: readonly DemoOpenPort[];
  readonly kmsKeys?: readonly { readonly alias: string; readonly rotation: boolean }[];
  /** An instance (Name tag) without instance profile that allows IMDSv1, in the default VPC. */
  readonly imdsV1Instance?: string;
  /** A single-AZ, unencrypted, publicly accessible PostgreSQL instance without minor upgrades. */
  readonly publicDatabase?: string;
  readonly unencryptedFileSystem?: string;
  /** A queue and a topic whose access policy lets anyone send or publish. */
  readonly publicQueue?: string;
  readonly publicTopic?: string;
  /** Inspector2 findings (only where `inspector` is on). */
  readonly findings?: readonly DemoFindingSpec[];
  /** Region of the account's regional resources (default the first region). */
  readonly resourceRegion?: string;
}

/**
 * A check result the seeded posture implies. `resource` absent: the result is about the
 * account (`region` `global`) or the region itself (see `expectationResourceUid`).
 */
export interface DemoExpectation {
  readonly checkId: string;
  readonly status: 'PASS' | 'FAIL';
  /** `global` for account-scope checks, as results report them. */
  readonly region: string;
  readonly resource?: string;
}

export interface DemoSeededFinding {
  readonly findingArn: string;
  readonly region: string;
  readonly cveId: string;
  readonly severity: DemoSeverity;
}

export interface SeededPosture {
  readonly expectations: DemoExpectation[];
  readonly inspectorFindings: DemoSeededFinding[];
}

export interface PostureTarget {
  /** moto's URL (or the fault proxy's). */
  readonly endpoint: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly credentials: ProxyCredentials;
  /** Regions to configure; the first one holds the global services' calls and the log buckets. */
  readonly regions: readonly string[];
}

/** The region account-scope results report. */
export const GLOBAL = 'global';

/** What is wrong with an account, in a few words each, by the posture's own terms. */
export function postureIssues(p: DemoPosture): string[] {
  const users = p.users ?? [];
  const ports = (p.openPorts ?? []).map((o) => `${o.port} open to ${o.source} (${o.region})`);
  return [
    p.passwordPolicy !== 'strong' && `${p.passwordPolicy ?? 'no'} password policy`,
    p.cloudTrail !== 'hardened' &&
      (p.cloudTrail === undefined ? 'no CloudTrail' : 'single-region trail'),
    !p.ebsEncryptionByDefault && 'EBS unencrypted by default',
    !p.flowLogs && 'no VPC flow logs',
    users.some((u) => u.console) && 'console users without MFA',
    users.some((u) => u.directPolicy) && 'users with direct policies',
    p.adminRole !== undefined && 'a *:* admin policy',
    (p.buckets ?? []).some((b) => b.public) && 'public S3 bucket',
    ...ports,
    (p.kmsKeys ?? []).some((k) => !k.rotation) && 'KMS key without rotation',
    p.publicDatabase !== undefined && 'public unencrypted RDS',
    p.unencryptedFileSystem !== undefined && 'unencrypted EFS',
    (p.publicQueue ?? p.publicTopic) !== undefined && 'public SQS/SNS policy',
    p.imdsV1Instance !== undefined && 'IMDSv1 instance',
  ].filter((x): x is string => typeof x === 'string');
}

/** The resource uid a result for `e` carries in `accountId` (account and region pseudo resources included). */
export function expectationResourceUid(e: DemoExpectation, accountId: string): string {
  if (e.resource !== undefined) return e.resource;
  const service = ALL_CHECKS.find((c) => c.metadata.id === e.checkId)?.metadata.service;
  if (service === undefined) throw new Error(`no check ${e.checkId}`);
  const ctx = { partition: 'aws', accountId };
  return e.region === GLOBAL
    ? accountResource(ctx, service)
    : regionResource(ctx, service, e.region);
}
