// The demo organization `npm run demo` scans: a management account and nine members in
// Security, Production (with a nested Payments OU), Development and Sandbox, each with a
// declared posture — near-clean in Security, a few high-severity issues in Production, messy in
// Development and Sandbox — and Amazon Inspector2 findings on some accounts.
import { forEachBounded } from '@palisade/aws';
import { type SeedTarget, credentialsIn, resolveTarget } from '../aws-seed/management-account';
import { type OrganizationSpec, placeSpec, ROOT_PATH } from '../aws-seed/organization-spec';
import { seedOrganization } from '../aws-seed/seed-organization';
import { type SeededOrganization } from '../aws-seed/seeded-organization';
import { type DemoExpectation, type DemoPosture, type DemoSeededFinding } from './account-posture';
import { seedAccountPosture } from './seed-account-posture';

/** The regions the demo seeds and scans (the first one holds global services and log buckets). */
export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'] as const;

/** The role the CLI assumes in members with `--org` (moto's CreateAccount creates it). */
export const DEMO_MEMBER_ROLE = 'OrganizationAccountAccessRole';

/** The key of the management account in `DEMO_POSTURES` and `DemoOrganization.accounts`. */
export const DEMO_MANAGEMENT = 'management';

const [US, EU] = DEMO_REGIONS;

const tags = (env: string, team: string, costCenter: string) => ({
  env,
  team,
  'cost-center': costCenter,
  owner: `${team}@northwind.example`,
});

/** The OU tree, accounts and guardrails (account ids are moto's). */
export function demoOrganizationSpec(): OrganizationSpec {
  return {
    management: { tags: tags('management', 'platform', 'cc-1000') },
    units: [
      {
        name: 'Security',
        tags: { sensitivity: 'restricted' },
        accounts: [
          { name: 'log-archive', tags: tags('security', 'secops', 'cc-1100') },
          { name: 'audit', tags: tags('security', 'secops', 'cc-1100') },
        ],
      },
      {
        name: 'Production',
        tags: { sensitivity: 'confidential' },
        accounts: [
          { name: 'prod-web', tags: tags('production', 'web', 'cc-2100') },
          { name: 'prod-data', tags: tags('production', 'data', 'cc-2200') },
        ],
        units: [
          {
            name: 'Payments',
            tags: { sensitivity: 'pci' },
            accounts: [{ name: 'payments-prod', tags: tags('production', 'payments', 'cc-2300') }],
          },
        ],
      },
      {
        name: 'Development',
        tags: { sensitivity: 'internal' },
        accounts: [
          { name: 'dev-web', tags: tags('development', 'web', 'cc-2100') },
          { name: 'dev-data', tags: tags('development', 'data', 'cc-2200') },
        ],
      },
      {
        name: 'Sandbox',
        tags: { sensitivity: 'public' },
        accounts: [
          { name: 'sandbox-research', tags: tags('sandbox', 'research', 'cc-3100') },
          { name: 'sandbox-playground', tags: tags('sandbox', 'platform', 'cc-1000') },
        ],
      },
    ],
    policies: [
      {
        name: 'DenyLeaveOrganization',
        type: 'SERVICE_CONTROL_POLICY',
        content: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
        },
        targets: ['Root/Security', 'Root/Production'],
      },
      {
        name: 'SandboxGuardrails',
        type: 'SERVICE_CONTROL_POLICY',
        content: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['ec2:PurchaseReservedInstancesOffering', 'iam:CreateSAMLProvider'],
              Resource: '*',
            },
          ],
        },
        targets: ['Root/Sandbox'],
      },
    ],
    delegatedAdministrators: [
      {
        account: 'audit',
        servicePrincipals: ['guardduty.amazonaws.com', 'access-analyzer.amazonaws.com'],
      },
    ],
  };
}

/** Everything a well-run account has; Security starts from it, Production mostly does. */
export const BASELINE: DemoPosture = {
  passwordPolicy: 'strong',
  securityContact: true,
  cloudTrail: 'hardened',
  ebsEncryptionByDefault: true,
  flowLogs: true,
  securityHub: true,
  configRecorder: true,
  inspector: true,
};

/** Each account's posture by name (`management` for the management account). */
export const DEMO_POSTURES: Readonly<Record<string, DemoPosture>> = {
  [DEMO_MANAGEMENT]: {
    ...BASELINE,
    flowLogs: false,
    inspector: false,
    users: [{ name: 'billing-admin', console: true }],
  },
  'log-archive': {
    ...BASELINE,
    buckets: [{ name: 'org-log-archive' }],
    kmsKeys: [{ alias: 'log-archive', rotation: true }],
  },
  audit: {
    ...BASELINE,
    users: [{ name: 'security-auditor', group: 'auditors' }],
  },
  'prod-web': {
    ...BASELINE,
    buckets: [{ name: 'prod-web-assets', public: true }, { name: 'prod-web-backups' }],
    openPorts: [{ name: 'web-legacy-ssh', port: 22, source: '0.0.0.0/0', region: EU }],
    findings: [
      { cve: 'log4shell', region: EU, host: 'web-api-1' },
      { cve: 'libwebp', region: EU, host: 'web-thumbnailer-1' },
      { cve: 'regreSSHion', region: US, host: 'web-bastion' },
    ],
    resourceRegion: EU,
  },
  'prod-data': {
    ...BASELINE,
    ebsEncryptionByDefault: false,
    publicDatabase: 'orders-db',
    kmsKeys: [{ alias: 'orders-data', rotation: false }],
    findings: [
      { cve: 'http2RapidReset', region: EU, host: 'etl-worker-1' },
      { cve: 'opensslDhCheck', region: EU, host: 'etl-worker-1' },
    ],
    resourceRegion: EU,
  },
  'payments-prod': {
    ...BASELINE,
    cloudTrail: 'single-region',
    flowLogs: false,
    adminRole: 'payments-deploy',
    buckets: [{ name: 'payments-statements' }],
    findings: [
      { cve: 'glibc', region: EU, host: 'payments-api-1' },
      { cve: 'curlSocks5', region: EU, host: 'payments-api-1' },
    ],
    resourceRegion: EU,
  },
  'dev-web': {
    passwordPolicy: 'weak',
    inspector: true,
    users: [
      { name: 'alice.dev', console: true, accessKey: true },
      { name: 'jenkins-ci', accessKey: true, directPolicy: true },
    ],
    buckets: [{ name: 'dev-web-builds', public: true }],
    openPorts: [
      { name: 'dev-ssh-anywhere', port: 22, source: '0.0.0.0/0', region: EU },
      { name: 'dev-rdp-anywhere', port: 3389, source: '0.0.0.0/0', region: EU },
    ],
    imdsV1Instance: 'dev-web-1',
    findings: [
      { cve: 'libwebp', region: EU, host: 'dev-web-1' },
      { cve: 'curlSocks5', region: EU, host: 'dev-web-1' },
      { cve: 'opensslDhCheck', region: US, host: 'dev-tools' },
    ],
    resourceRegion: EU,
  },
  'dev-data': {
    cloudTrail: 'single-region',
    users: [{ name: 'etl-service', accessKey: true, directPolicy: true }],
    publicDatabase: 'analytics-dev',
    unencryptedFileSystem: 'shared-scratch',
    publicQueue: 'ingest-events',
    kmsKeys: [{ alias: 'dev-data', rotation: false }],
    resourceRegion: EU,
  },
  'sandbox-research': {
    passwordPolicy: 'weak',
    inspector: true,
    users: [
      { name: 'researcher-bob', console: true, directPolicy: true },
      { name: 'notebook-bot', accessKey: true },
    ],
    adminRole: 'sandbox-admin',
    buckets: [{ name: 'research-datasets', public: true }],
    openPorts: [
      { name: 'smb-share', port: 445, source: '0.0.0.0/0', region: US },
      { name: 'rdp-ipv6', port: 3389, source: '::/0', region: US },
    ],
    imdsV1Instance: 'jupyter-notebook',
    publicTopic: 'experiment-alerts',
    findings: [
      { cve: 'log4shell', region: US, host: 'jupyter-notebook' },
      { cve: 'regreSSHion', region: US, host: 'jupyter-notebook' },
      { cve: 'glibc', region: EU, host: 'gpu-trainer' },
    ],
    resourceRegion: US,
  },
  'sandbox-playground': {
    users: [{ name: 'temp-admin', console: true, accessKey: true, directPolicy: true }],
    buckets: [{ name: 'playground-share', public: true }],
    resourceRegion: US,
  },
};

export interface DemoAccount {
  readonly name: string;
  readonly accountId: string;
  /** `Root` for the management account and for members at the root. */
  readonly ouPath: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly posture: DemoPosture;
  /** The check results the posture implies (see `expectationResourceUid`). */
  readonly expectations: readonly DemoExpectation[];
  readonly inspectorFindings: readonly DemoSeededFinding[];
}

export interface DemoOrganization {
  /** The seeded organization: ids, management credentials; `close()` it when done. */
  readonly organization: SeededOrganization;
  readonly regions: readonly string[];
  readonly memberRoleName: string;
  /** By name; `management` is the management account. */
  readonly accounts: Readonly<Record<string, DemoAccount>>;
}

export interface DemoSeedOptions {
  /** Accounts seeded at once (default 3: moto is one Python process). */
  concurrency?: number;
}

/** Seeds the demo organization and every account's posture; the organization is fresh and isolated. */
export async function seedDemoOrganization(
  target: SeedTarget,
  opts: DemoSeedOptions = {},
): Promise<DemoOrganization> {
  const spec = demoOrganizationSpec();
  const organization = await seedOrganization(target, spec);
  try {
    const resolved = resolveTarget(target);
    // In the spec's order (breadth-first), not the order seeding finished in.
    const members = placeSpec(spec).accounts.map(({ spec: { name } }) => {
      const a = organization.accounts[name];
      if (a === undefined) throw new Error(`account ${name} was not seeded`);
      return { name, accountId: a.accountId, ouPath: a.ouPath, tags: a.tags };
    });
    const all = [
      {
        name: DEMO_MANAGEMENT,
        accountId: organization.managementAccountId,
        ouPath: ROOT_PATH,
        tags: { ...spec.management?.tags },
      },
      ...members,
    ];
    const accounts: Record<string, DemoAccount> = {};
    await forEachBounded(all, opts.concurrency ?? 3, async (a) => {
      const posture = DEMO_POSTURES[a.name];
      if (posture === undefined) throw new Error(`no demo posture for ${a.name}`);
      const credentials =
        a.name === DEMO_MANAGEMENT
          ? organization.credentials
          : await credentialsIn(resolved, a.accountId, 'palisade-demo-seed');
      const seeded = await seedAccountPosture(
        {
          endpoint: resolved.endpoint,
          accountId: a.accountId,
          accountName: a.name,
          credentials,
          regions: DEMO_REGIONS,
        },
        posture,
      );
      accounts[a.name] = { ...a, posture, ...seeded };
    });
    return {
      organization,
      regions: DEMO_REGIONS,
      memberRoleName: DEMO_MEMBER_ROLE,
      accounts: Object.fromEntries(all.map((a) => [a.name, accounts[a.name] as DemoAccount])),
    };
  } catch (err) {
    organization.close();
    throw err;
  }
}
