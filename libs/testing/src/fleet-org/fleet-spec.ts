// The organizations the fleet end-to-end tests scan through the REST API, and the standalone
// accounts of a second tenant: OU trees, tags and each account's declared posture, built from
// the demo's postures (clean, a few issues, messy) and spread over both regions.
import { type OrganizationSpec, type SeedOuSpec } from '../aws-seed/organization-spec';
import { type DemoPosture } from '../demo/account-posture';
import { BASELINE, DEMO_MANAGEMENT, DEMO_POSTURES, DEMO_REGIONS } from '../demo/demo-organization';

export type FleetSize = 'full' | 'small';

export interface FleetOrganizationSpec {
  readonly organization: OrganizationSpec;
  /** Each account's posture by name; `management` (DEMO_MANAGEMENT) for the management account. */
  readonly postures: Readonly<Record<string, DemoPosture>>;
  /** The member whose member role the fault proxy refuses (its posture is seeded all the same). */
  readonly refused: string;
}

const [US, EU] = DEMO_REGIONS;

const tags = (env: string, team: string, costCenter: string) => ({
  env,
  team,
  'cost-center': costCenter,
  owner: `${team}@fabrikam.example`,
});

function demo(name: string): DemoPosture {
  const p = DEMO_POSTURES[name];
  if (p === undefined) throw new Error(`no demo posture ${name}`);
  return p;
}

const DENY_LEAVE = {
  name: 'DenyLeaveOrganization',
  type: 'SERVICE_CONTROL_POLICY',
  content: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
  },
} as const;

const FULL_UNITS: readonly SeedOuSpec[] = [
  {
    name: 'Security',
    tags: { sensitivity: 'restricted' },
    accounts: [
      { name: 'log-archive', tags: tags('security', 'secops', 'cc-1100') },
      { name: 'audit', tags: tags('security', 'secops', 'cc-1100') },
      { name: 'security-tooling', tags: tags('security', 'secops', 'cc-1100') },
    ],
  },
  {
    name: 'Infrastructure',
    tags: { sensitivity: 'internal' },
    accounts: [
      { name: 'network-hub', tags: tags('shared', 'network', 'cc-1200') },
      { name: 'identity', tags: tags('shared', 'iam', 'cc-1200') },
    ],
  },
  {
    name: 'Workloads',
    units: [
      {
        name: 'Production',
        tags: { sensitivity: 'confidential' },
        accounts: [
          { name: 'prod-web', tags: tags('production', 'web', 'cc-2100') },
          { name: 'prod-data', tags: tags('production', 'data', 'cc-2200') },
          { name: 'prod-api', tags: tags('production', 'api', 'cc-2400') },
          { name: 'prod-batch', tags: tags('production', 'data', 'cc-2200') },
        ],
        units: [
          {
            name: 'Payments',
            tags: { sensitivity: 'pci' },
            accounts: [
              { name: 'payments-prod', tags: tags('production', 'payments', 'cc-2300') },
              { name: 'payments-ledger', tags: tags('production', 'payments', 'cc-2300') },
            ],
          },
        ],
      },
      {
        name: 'NonProduction',
        tags: { sensitivity: 'internal' },
        accounts: [{ name: 'qa-automation', tags: tags('test', 'qa', 'cc-2500') }],
        units: [
          {
            name: 'Staging',
            accounts: [
              { name: 'staging-web', tags: tags('staging', 'web', 'cc-2100') },
              { name: 'staging-data', tags: tags('staging', 'data', 'cc-2200') },
            ],
          },
          {
            name: 'Development',
            accounts: [
              { name: 'dev-web', tags: tags('development', 'web', 'cc-2100') },
              { name: 'dev-data', tags: tags('development', 'data', 'cc-2200') },
              { name: 'dev-mobile', tags: tags('development', 'mobile', 'cc-2600') },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'Sandbox',
    tags: { sensitivity: 'public' },
    accounts: [
      { name: 'sandbox-research', tags: tags('sandbox', 'research', 'cc-3100') },
      { name: 'sandbox-playground', tags: tags('sandbox', 'platform', 'cc-1000') },
      { name: 'sandbox-hackathon', tags: tags('sandbox', 'research', 'cc-3100') },
    ],
  },
];

const FULL_POSTURES: Readonly<Record<string, DemoPosture>> = {
  [DEMO_MANAGEMENT]: demo(DEMO_MANAGEMENT),
  'shared-services': {
    ...BASELINE,
    flowLogs: false,
    findings: [{ cve: 'opensslDhCheck', region: US, host: 'build-runner-1' }],
  },
  'log-archive': demo('log-archive'),
  audit: demo('audit'),
  'security-tooling': {
    ...BASELINE,
    findings: [
      { cve: 'curlSocks5', region: US, host: 'scanner-1' },
      { cve: 'http2RapidReset', region: EU, host: 'siem-collector' },
    ],
  },
  'network-hub': {
    ...BASELINE,
    openPorts: [{ name: 'vpn-ssh', port: 22, source: '0.0.0.0/0', region: US }],
  },
  identity: {
    ...BASELINE,
    passwordPolicy: 'weak',
    users: [{ name: 'break-glass', console: true }],
  },
  'prod-web': demo('prod-web'),
  'prod-data': demo('prod-data'),
  'prod-api': {
    ...BASELINE,
    buckets: [{ name: 'prod-api-exports', public: true }],
    findings: [
      { cve: 'log4shell', region: US, host: 'api-1' },
      { cve: 'http2RapidReset', region: US, host: 'api-1' },
    ],
  },
  'prod-batch': {
    ...BASELINE,
    ebsEncryptionByDefault: false,
    kmsKeys: [{ alias: 'batch-results', rotation: false }],
    resourceRegion: EU,
  },
  'payments-prod': demo('payments-prod'),
  'payments-ledger': {
    ...BASELINE,
    findings: [{ cve: 'glibc', region: US, host: 'ledger-proxy' }],
  },
  'qa-automation': {
    passwordPolicy: 'strong',
    ebsEncryptionByDefault: true,
    users: [{ name: 'selenium-runner', accessKey: true, directPolicy: true }],
    resourceRegion: EU,
  },
  'staging-web': {
    passwordPolicy: 'weak',
    securityHub: true,
    inspector: true,
    buckets: [{ name: 'staging-web-assets', public: true }],
    openPorts: [{ name: 'staging-ssh', port: 22, source: '0.0.0.0/0', region: US }],
    findings: [
      { cve: 'libwebp', region: US, host: 'staging-web-1' },
      { cve: 'regreSSHion', region: EU, host: 'staging-bastion' },
    ],
  },
  'staging-data': { ...demo('dev-data'), resourceRegion: US },
  'dev-web': demo('dev-web'),
  'dev-data': demo('dev-data'),
  'dev-mobile': {
    passwordPolicy: 'weak',
    inspector: true,
    users: [{ name: 'mobile-ci', accessKey: true }],
    buckets: [{ name: 'mobile-builds', public: true }],
    openPorts: [{ name: 'builder-rdp', port: 3389, source: '0.0.0.0/0', region: US }],
    findings: [{ cve: 'curlSocks5', region: US, host: 'android-builder' }],
  },
  'sandbox-research': demo('sandbox-research'),
  'sandbox-playground': demo('sandbox-playground'),
  'sandbox-hackathon': {
    inspector: true,
    users: [{ name: 'hacker', console: true, directPolicy: true }],
    adminRole: 'hackathon-admin',
    buckets: [{ name: 'hackathon-share', public: true }],
    openPorts: [{ name: 'hack-smb', port: 445, source: '0.0.0.0/0', region: EU }],
    findings: [{ cve: 'log4shell', region: EU, host: 'demo-app' }],
    resourceRegion: EU,
  },
};

/** A management account and 21 members, OUs three levels deep; `sandbox-hackathon` refuses. */
function fullSpec(): FleetOrganizationSpec {
  return {
    organization: {
      management: { tags: tags('management', 'platform', 'cc-1000') },
      accounts: [{ name: 'shared-services', tags: tags('shared', 'platform', 'cc-1000') }],
      units: FULL_UNITS,
      policies: [{ ...DENY_LEAVE, targets: ['Root/Security', 'Root/Workloads'] }],
    },
    postures: FULL_POSTURES,
    refused: 'sandbox-hackathon',
  };
}

/**
 * Six members, OUs two levels deep, lighter postures (seeded once per fault test); the demo's
 * `sandbox-playground` refuses.
 */
function smallSpec(): FleetOrganizationSpec {
  return {
    organization: {
      management: { tags: tags('management', 'platform', 'cc-1000') },
      units: [
        {
          name: 'Security',
          accounts: [{ name: 'audit', tags: tags('security', 'secops', 'cc-1100') }],
        },
        {
          name: 'Workloads',
          accounts: [{ name: 'prod-web', tags: tags('production', 'web', 'cc-2100') }],
          units: [
            {
              name: 'Development',
              accounts: [
                { name: 'dev-web', tags: tags('development', 'web', 'cc-2100') },
                { name: 'dev-data', tags: tags('development', 'data', 'cc-2200') },
              ],
            },
          ],
        },
        {
          name: 'Sandbox',
          accounts: [
            { name: 'sandbox-research', tags: tags('sandbox', 'research', 'cc-3100') },
            { name: 'sandbox-playground', tags: tags('sandbox', 'platform', 'cc-1000') },
          ],
        },
      ],
    },
    postures: Object.fromEntries(
      [
        DEMO_MANAGEMENT,
        'audit',
        'prod-web',
        'dev-web',
        'dev-data',
        'sandbox-research',
        'sandbox-playground',
      ].map((name) => [name, demo(name)]),
    ),
    refused: 'sandbox-playground',
  };
}

/** The organization, postures and refused member of a fleet of the given size. */
export function fleetOrganizationSpec(size: FleetSize): FleetOrganizationSpec {
  return size === 'full' ? fullSpec() : smallSpec();
}

/** The role an MSSP client's accounts give Palisade (deploy/aws/member-role.yaml's default). */
export const CLIENT_ROLE_NAME = 'PalisadeScanRole';

/** A client account's posture; `seedClientAccounts` cycles through them. */
export const CLIENT_POSTURES: readonly { readonly kind: string; readonly posture: DemoPosture }[] =
  [
    {
      kind: 'prod',
      posture: {
        ...BASELINE,
        findings: [{ cve: 'log4shell', region: EU, host: 'erp-1' }],
        resourceRegion: EU,
      },
    },
    {
      kind: 'web',
      posture: {
        passwordPolicy: 'weak',
        securityContact: true,
        inspector: true,
        buckets: [{ name: 'site-assets', public: true }],
        openPorts: [{ name: 'admin-ssh', port: 22, source: '0.0.0.0/0', region: US }],
        findings: [
          { cve: 'regreSSHion', region: US, host: 'web-1' },
          { cve: 'libwebp', region: EU, host: 'thumbnailer-1' },
        ],
      },
    },
    {
      kind: 'dev',
      posture: {
        users: [{ name: 'dev-ci', accessKey: true, directPolicy: true }],
        publicQueue: 'build-events',
        kmsKeys: [{ alias: 'dev-secrets', rotation: false }],
        resourceRegion: EU,
      },
    },
  ];

/** The i-th client account (0-based): `acme-<i+1>-<kind>` with the kind's posture. */
export function clientAccountSpec(i: number): { name: string; posture: DemoPosture } {
  const c = CLIENT_POSTURES[i % CLIENT_POSTURES.length];
  if (c === undefined) throw new Error('no client postures');
  return { name: `acme-${i + 1}-${c.kind}`, posture: c.posture };
}

/** Every region a posture puts something in (its resources, open ports and findings). */
export function postureRegions(p: DemoPosture): string[] {
  return [
    ...new Set(
      [
        p.resourceRegion,
        ...(p.openPorts ?? []).map((o) => o.region),
        ...(p.findings ?? []).map((f) => f.region),
      ].filter((r): r is string => r !== undefined),
    ),
  ];
}
