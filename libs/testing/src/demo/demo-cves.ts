// Amazon Inspector2 package-vulnerability findings for the demo organization: a few well-known
// CVEs with their NVD scores, on instances whose ids and finding ids derive from where they are
// seeded, so two seeds give the same findings.
import { createHash } from 'node:crypto';
import { inspectorFinding } from '../scenario/misconfigured-account';

export type DemoSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM';

export interface DemoCve {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: DemoSeverity;
  /** CVSS 3.1 base score (NVD), also Inspector's score here. */
  readonly score: number;
  readonly vector: string;
  readonly exploitAvailable: boolean;
  readonly package: {
    readonly name: string;
    readonly version: string;
    readonly fixedInVersion: string;
    readonly packageManager: 'OS' | 'JAR';
  };
  readonly remediation: string;
}

const cve = (c: DemoCve) => c;

export const DEMO_CVES = {
  log4shell: cve({
    id: 'CVE-2021-44228',
    title: 'CVE-2021-44228 - org.apache.logging.log4j:log4j-core',
    description:
      'Apache Log4j2 JNDI features do not protect against attacker-controlled LDAP and other JNDI endpoints: remote code execution through logged messages.',
    severity: 'CRITICAL',
    score: 10,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    exploitAvailable: true,
    package: {
      name: 'org.apache.logging.log4j:log4j-core',
      version: '2.14.1',
      fixedInVersion: '2.17.1',
      packageManager: 'JAR',
    },
    remediation: 'Upgrade log4j-core to 2.17.1 or later.',
  }),
  curlSocks5: cve({
    id: 'CVE-2023-38545',
    title: 'CVE-2023-38545 - curl, libcurl',
    description:
      'A heap-based buffer overflow in the SOCKS5 proxy handshake of curl and libcurl when the hostname is too long to resolve locally.',
    severity: 'CRITICAL',
    score: 9.8,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    exploitAvailable: false,
    package: { name: 'curl', version: '8.3.0', fixedInVersion: '8.4.0', packageManager: 'OS' },
    remediation: 'yum update curl libcurl',
  }),
  libwebp: cve({
    id: 'CVE-2023-4863',
    title: 'CVE-2023-4863 - libwebp',
    description:
      'A heap buffer overflow in libwebp lets a crafted WebP image write out of bounds in any program that decodes it.',
    severity: 'HIGH',
    score: 8.8,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    exploitAvailable: true,
    package: { name: 'libwebp', version: '1.2.4', fixedInVersion: '1.3.2', packageManager: 'OS' },
    remediation: 'yum update libwebp',
  }),
  regreSSHion: cve({
    id: 'CVE-2024-6387',
    title: 'CVE-2024-6387 - openssh',
    description:
      'A signal handler race condition in the OpenSSH server (sshd) allows unauthenticated remote code execution as root.',
    severity: 'HIGH',
    score: 8.1,
    vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    exploitAvailable: true,
    package: { name: 'openssh', version: '8.7p1', fixedInVersion: '9.8p1', packageManager: 'OS' },
    remediation: 'yum update openssh openssh-server',
  }),
  glibc: cve({
    id: 'CVE-2019-25013',
    title: 'CVE-2019-25013 - glibc',
    description: 'A buffer over-read in glibc when processing EUC-KR input.',
    severity: 'HIGH',
    score: 7.5,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    exploitAvailable: false,
    package: {
      name: 'glibc',
      version: '2.26',
      fixedInVersion: '0:2.26-62.amzn2',
      packageManager: 'OS',
    },
    remediation: 'yum update glibc',
  }),
  http2RapidReset: cve({
    id: 'CVE-2023-44487',
    title: 'CVE-2023-44487 - nghttp2',
    description:
      'The HTTP/2 protocol allows a denial of service through rapid stream resets (Rapid Reset).',
    severity: 'HIGH',
    score: 7.5,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    exploitAvailable: true,
    package: {
      name: 'nghttp2',
      version: '1.51.0',
      fixedInVersion: '1.57.0',
      packageManager: 'OS',
    },
    remediation: 'yum update nghttp2 libnghttp2',
  }),
  opensslDhCheck: cve({
    id: 'CVE-2023-5678',
    title: 'CVE-2023-5678 - openssl',
    description:
      'Generating or checking excessively long X9.42 DH keys or parameters in OpenSSL may be very slow (denial of service).',
    severity: 'MEDIUM',
    score: 5.3,
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
    exploitAvailable: false,
    package: {
      name: 'openssl',
      version: '3.0.8',
      fixedInVersion: '3.0.13',
      packageManager: 'OS',
    },
    remediation: 'yum update openssl openssl-libs',
  }),
} as const satisfies Record<string, DemoCve>;

export type DemoCveKey = keyof typeof DEMO_CVES;

const hex = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/** A stable EC2 instance id (`i-` + 17 hex digits) for a named host of an account. */
export function demoInstanceId(accountName: string, host: string): string {
  return `i-0${hex(`${accountName}/${host}`, 16)}`;
}

/**
 * The finding moto returns from ListFindings: the scenario's finding with this CVE's
 * vulnerability, a 32-hex finding id and the instance it was found on.
 */
export function demoInspectorFinding(
  accountId: string,
  accountName: string,
  region: string,
  key: DemoCveKey,
  host: string,
): Record<string, unknown> {
  const c: DemoCve = DEMO_CVES[key];
  const base = inspectorFinding(accountId, region, hex(`${accountName}/${region}/${key}`, 32));
  return {
    ...base,
    title: c.title,
    description: c.description,
    severity: c.severity,
    inspectorScore: c.score,
    exploitAvailable: c.exploitAvailable ? 'YES' : 'NO',
    packageVulnerabilityDetails: {
      vulnerabilityId: c.id,
      source: 'NVD',
      cvss: [{ baseScore: c.score, scoringVector: c.vector, source: 'NVD', version: '3.1' }],
      referenceUrls: [`https://nvd.nist.gov/vuln/detail/${c.id}`],
      vulnerablePackages: [{ ...c.package }],
    },
    remediation: { recommendation: { text: c.remediation } },
    resources: [
      {
        type: 'AWS_EC2_INSTANCE',
        id: demoInstanceId(accountName, host),
        region,
        partition: 'aws',
        tags: { Name: host },
      },
    ],
  };
}
