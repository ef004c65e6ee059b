// The `palisade` CLI as a person runs it: child processes of apps/cli/src/main.ts, each with an
// embedded Postgres of its own. One part runs `npm run demo`'s script end to end (its own moto,
// the 10-account demo organization, `palisade scan --org`) and checks the four files it writes
// against the demo's definition; the other scans one fresh account of the shared moto through
// the fault proxy (`--fail-on`) and makes a newcomer's mistakes (no credentials, a role that
// cannot be assumed, a mistyped check or region). The demo starts first and runs while the
// small scans do: it is most of this file's time.
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  type AwsProxy,
  awsClientConfig,
  type ChromiumPage,
  credentialsIn,
  DEMO_CVES,
  DEMO_MANAGEMENT,
  DEMO_POSTURES,
  DEMO_REGIONS,
  demoInspectorFinding,
  demoInstanceId,
  demoOrganizationSpec,
  type DemoPosture,
  depsEnv,
  expectationResourceUid,
  openInChromium,
  openSecurityGroup,
  parseCsv,
  parseJsonLines,
  randomAccountId,
  ROOT_PATH,
  SEED_BASE_CREDENTIALS,
  type SeedOuSpec,
  startAwsProxy,
  validateAsffWithBotocore,
} from '@palisade/testing';

const ROOT = resolve(__dirname, '../..');
const OUTPUT = join(ROOT, 'test-output/cli');
const DEMO_OUTPUT = join(OUTPUT, 'demo');
const CLI = ['-r', '@swc-node/register', 'apps/cli/src/main.ts'];
const REGION = 'us-east-1';
/**
 * The small scans' checks: one high (the seeded open SSH group fails it) and one medium
 * (Inspector2 is off in a fresh account). The scanner runs Inspector2's coverage check with every
 * account job whatever `--checks` says; naming it keeps the expected counts plain.
 */
const CHECKS = ['ec2_security_group_admin_ports_ipv4_restricted', 'inspector2_scanning_enabled'];
/** Unknown to moto: it acts in moto's default account, which assumes the scan role. */
const CLI_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAPALISADECLIE2E00',
  AWS_SECRET_ACCESS_KEY: 'palisade-cli-e2e-secret',
};

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Running {
  readonly done: Promise<Finished>;
  /** SIGTERM (the CLI and the demo stop what they started on it). */
  stop(): void;
}

/** Runs a command from the repository root, collecting its output; SIGTERM after `timeoutMs`. */
function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Running {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const timer = setTimeout(stop, timeoutMs);
  const done = new Promise<Finished>((ok, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      ok({ code, signal, stdout, stderr });
    });
  });
  return { done, stop };
}

const runCli = (args: readonly string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, [...CLI, ...args], env, 150_000).done;

const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const tail = (text: string) => text.split('\n').slice(-40).join('\n');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Started before everything else: the small scans below run while it seeds and scans.
let demo: Running | undefined;
beforeAll(() => {
  rmSync(DEMO_OUTPUT, { recursive: true, force: true });
  demo = run(
    'bash',
    ['scripts/demo/demo.sh', '--exit-after-scan', '--output', DEMO_OUTPUT],
    { ...process.env },
    300_000,
  );
});
afterAll(() => demo?.stop());

describe('palisade scan of one account of the shared moto, through the fault proxy', () => {
  const moto = depsEnv('PALISADE_MOTO_URL');
  const account = randomAccountId();
  /** Its PalisadeScanRole refuses to be assumed (a proxy rule). */
  const refusedAccount = randomAccountId();
  const refusedRole = `arn:aws:iam::${refusedAccount}:role/PalisadeScanRole`;
  let base: string;
  let proxy: AwsProxy;
  let runs: Record<
    'high' | 'critical' | 'refused' | 'noCredentials' | 'unknownCheck' | 'regionTypo',
    Finished
  >;
  const dataDir = (name: string) => join(base, name, 'postgres');

  /** No profile, no config or credentials file of this machine, no instance metadata. */
  function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env['PATH'] ?? '',
      HOME: join(base, 'home'),
      AWS_CONFIG_FILE: join(base, 'empty'),
      AWS_SHARED_CREDENTIALS_FILE: join(base, 'empty'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: REGION,
      // On Node 20 the SDK prints a 9-line notice that it will need Node 22: not the CLI's words.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extra,
    };
  }

  const scan = (name: string, target: string, ...more: string[]) => [
    'scan',
    '--accounts',
    target,
    '--regions',
    REGION,
    '--checks',
    CHECKS.join(','),
    '--data-dir',
    dataDir(name),
    '--progress',
    'none',
    ...more,
  ];

  beforeAll(async () => {
    // Directly under /tmp and open to traverse: as root, the embedded Postgres runs as `postgres`.
    base = mkdtempSync('/tmp/palisade-cli-e2e-');
    chmodSync(base, 0o755);
    mkdirSync(join(base, 'home'));
    writeFileSync(join(base, 'empty'), '');

    const credentials = await credentialsIn(
      { endpoint: moto, region: REGION, credentials: SEED_BASE_CREDENTIALS },
      account,
      'palisade-cli-e2e',
    );
    const ec2 = new EC2Client({ ...awsClientConfig(moto, credentials, REGION), maxAttempts: 3 });
    try {
      const vpcs = await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
      );
      await openSecurityGroup(ec2, vpcs.Vpcs?.[0]?.VpcId ?? '', 'cli-e2e-ssh-world', {
        port: 22,
        v4: '0.0.0.0/0',
      });
    } finally {
      ec2.destroy();
    }

    proxy = await startAwsProxy({
      upstream: moto,
      rules: [{ kind: 'assumeRoleRefused', roleArn: refusedRole }],
    });
    const aws = cliEnv({ AWS_ENDPOINT_URL: proxy.url, ...CLI_CREDENTIALS });
    const [high, critical, refused, noCredentials, unknownCheck, regionTypo] = await Promise.all([
      runCli(scan('high', account, '--fail-on', 'high'), aws),
      runCli(scan('critical', account, '--fail-on', 'critical'), aws),
      runCli(scan('refused', refusedAccount), aws),
      runCli(scan('no-credentials', account), cliEnv({ AWS_ENDPOINT_URL: proxy.url })),
      runCli(
        [
          'scan',
          '--accounts',
          account,
          '--checks',
          'ec2_security_group_admin_port_ipv4_restricted',
        ],
        aws,
      ),
      runCli(['scan', '--accounts', account, '--regions', 'us-east-1,eu-wset-1'], aws),
    ]);
    runs = { high, critical, refused, noCredentials, unknownCheck, regionTypo };
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    if (base !== undefined) rmSync(base, { recursive: true, force: true });
  });

  describe('--fail-on', () => {
    /** The summary's row of the account: id, name (the id again), PASS FAIL ERROR MANUAL. */
    const accountRow = () => new RegExp(`^${account}\\s+${account}\\s+1\\s+2\\s+0\\s+0$`, 'm');
    const openFailures = 'Open failures: 0 critical · 1 high · 1 medium · 0 low · 0 informational';

    it('should exit 1 when an open failure is at the threshold (the open SSH group is high)', () => {
      const { code, stdout, stderr } = runs.high;
      expect({ code, stderr: lines(stderr).filter((l) => l.startsWith('palisade:')) }).toEqual({
        code: 1,
        stderr: [],
      });
      expect(stdout).toMatch(/^Scan [0-9a-f-]{36} completed in \S+ · 1 account$/m);
      expect(stdout).toMatch(accountRow());
      expect(stdout).toContain(openFailures);
      expect(lines(stdout).at(-1)).toBe('--fail-on high: 1 open failure is high or worse (1 high)');
    });

    it('should exit 0 when the threshold is above every open failure', () => {
      const { code, stdout } = runs.critical;
      expect(code).toBe(0);
      expect(stdout).toMatch(accountRow());
      expect(stdout).toContain(openFailures);
      expect(stdout).not.toContain('--fail-on');
    });

    it('should scan through the endpoint it is given, assuming the scan role in the account', () => {
      const assumed = proxy.log.filter(
        (e) => e.operation === 'AssumeRole' && e.assumeRole?.roleArn.includes(`::${account}:`),
      );
      expect(assumed.map((e) => [e.assumeRole?.roleArn, e.status])).toEqual([
        [`arn:aws:iam::${account}:role/PalisadeScanRole`, 200],
        [`arn:aws:iam::${account}:role/PalisadeScanRole`, 200],
      ]);
      expect(
        proxy.log.some((e) => e.account === account && e.operation === 'DescribeSecurityGroups'),
      ).toBe(true);
    });
  });

  describe("a newcomer's mistakes: one line on stderr saying what to do", () => {
    it('should exit 3 and ask for credentials when the chain finds none, before any storage starts', () => {
      const { code, stdout, stderr } = runs.noCredentials;
      expect({ code, stdout, stderr }).toEqual({
        code: 3,
        stdout: '',
        stderr:
          'palisade: no AWS credentials found — set AWS_PROFILE or run `aws configure` ' +
          '(or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)\n',
      });
      expect(existsSync(dataDir('no-credentials'))).toBe(false);
    });

    it('should exit 3 naming the role when it cannot be assumed', () => {
      const { code, stdout, stderr } = runs.refused;
      expect(code).toBe(3);
      expect(stdout).toBe('');
      // What the CLI says before the scan (identity, storage, the scan's id), then the one error.
      const dir = escape(join(base, 'refused'));
      const expected = [
        /^AWS identity: arn:aws:sts::123456789012:user\/moto$/,
        new RegExp(
          `^embedded Postgres \\d+\\.\\d+: initialised ${dir}/postgres in [\\d.]+ s` +
            '( \\(running as root: the server runs as the postgres user\\))?$',
        ),
        /^started on 127\.0\.0\.1:\d+ in [\d.]+ s$/,
        /^migrations: \d+ applied in [\d.]+ s$/,
        new RegExp(`^scan [0-9a-f-]{36} started \\(logs: ${dir}/palisade\\.log\\)$`),
        new RegExp(`^palisade: .*${escape(refusedRole)}.*$`),
      ];
      const got = lines(stderr);
      expect(got).toHaveLength(expected.length);
      got.forEach((line, i) => expect(line).toMatch(expected[i] as RegExp));
      expect(proxy.log.filter((e) => e.injected === 'assumeRoleRefused').length).toBeGreaterThan(0);
    });

    it('should exit 2 and suggest the check id meant', () => {
      expect(runs.unknownCheck).toEqual({
        code: 2,
        signal: null,
        stdout: '',
        stderr:
          "palisade: unknown check 'ec2_security_group_admin_port_ipv4_restricted'; " +
          'did you mean ec2_security_group_admin_ports_ipv4_restricted?\n',
      });
    });

    it('should exit 2 and suggest the region meant', () => {
      expect(runs.regionTypo).toEqual({
        code: 2,
        signal: null,
        stdout: '',
        stderr: "palisade: unknown region 'eu-wset-1'; did you mean eu-west-1?\n",
      });
    });
  });
});

/** An account the demo printed as seeded (`  name  id  OU path`), with its declared posture. */
interface SeenAccount {
  readonly name: string;
  readonly accountId: string;
  readonly ouPath: string;
  readonly posture: DemoPosture;
}

function seededAccounts(stdout: string): SeenAccount[] {
  return [...stdout.matchAll(/^ {2}(\S+)\s+(\d{12}) {2}(Root\S*)$/gm)].map(
    ([, name = '', accountId = '', ouPath = '']) => {
      const posture = DEMO_POSTURES[name];
      if (posture === undefined)
        throw new Error(`the demo printed an account ${name} it does not define`);
      return { name, accountId, ouPath, posture };
    },
  );
}

/** The OU path of every account of the demo's spec, by name, and every OU path. */
function demoTree(): { accountPaths: Map<string, string>; ouPaths: string[] } {
  const accountPaths = new Map<string, string>([['management', ROOT_PATH]]);
  const ouPaths = [ROOT_PATH];
  const walk = (units: readonly SeedOuSpec[] | undefined, parent: string) => {
    for (const unit of units ?? []) {
      const path = `${parent}/${unit.name}`;
      ouPaths.push(path);
      for (const a of unit.accounts ?? []) accountPaths.set(a.name, path);
      walk(unit.units, path);
    }
  };
  const spec = demoOrganizationSpec();
  for (const a of spec.accounts ?? []) accountPaths.set(a.name, ROOT_PATH);
  walk(spec.units, ROOT_PATH);
  return { accountPaths, ouPaths };
}

/** A check result the account's declared posture implies. */
interface ExpectedResult {
  readonly checkId: string;
  readonly compliance: 'PASS' | 'FAIL';
  readonly accountId: string;
  /** `global` for account-scope checks. */
  readonly region: string;
  /** The resource uid, or its pattern where moto makes the id (the description names it). */
  readonly resource: string | RegExp;
  readonly describes?: string;
}

/** What each declared setting of the posture makes pass or fail (see libs/testing/src/demo). */
function postureResults({ accountId: id, posture: p }: SeenAccount): ExpectedResult[] {
  const [home = ''] = DEMO_REGIONS;
  const at = p.resourceRegion ?? home;
  const result = (
    checkId: string,
    pass: boolean,
    region: string,
    resource?: string | RegExp,
    describes?: string,
  ): ExpectedResult => ({
    checkId,
    compliance: pass ? 'PASS' : 'FAIL',
    accountId: id,
    region,
    resource:
      resource ?? expectationResourceUid({ checkId, status: pass ? 'PASS' : 'FAIL', region }, id),
    ...(describes === undefined ? {} : { describes }),
  });
  const arnIn = (service: string, region: string, rest: string) =>
    new RegExp(`^arn:aws:${service}:${region}:${id}:${rest}$`);
  return [
    result('iam_password_policy_minimum_length', p.passwordPolicy === 'strong', 'global'),
    result('cloudtrail_multi_region_enabled', p.cloudTrail === 'hardened', 'global'),
    result('account_security_contact_registered', p.securityContact === true, 'global'),
    ...DEMO_REGIONS.flatMap((region) => [
      result('ec2_ebs_default_encryption_enabled', p.ebsEncryptionByDefault === true, region),
      result('inspector2_scanning_enabled', p.inspector === true, region),
    ]),
    ...(p.users ?? []).flatMap((u) => {
      const arn = `arn:aws:iam::${id}:user/${u.name}`;
      return [
        ...(u.console ? [result('iam_user_console_mfa_enabled', false, 'global', arn)] : []),
        result('iam_user_no_direct_policies', u.directPolicy !== true, 'global', arn),
      ];
    }),
    ...(p.buckets ?? []).flatMap((b) =>
      ['s3_bucket_policy_no_public_principal', 's3_bucket_public_access_block'].map((check) =>
        result(check, b.public !== true, 'global', `arn:aws:s3:::${b.name}-${id}`),
      ),
    ),
    ...(p.openPorts ?? []).map((o) =>
      result(
        o.port === 445
          ? 'ec2_security_group_cifs_restricted'
          : o.source === '::/0'
            ? 'ec2_security_group_admin_ports_ipv6_restricted'
            : 'ec2_security_group_admin_ports_ipv4_restricted',
        false,
        o.region,
        arnIn('ec2', o.region, 'security-group/sg-[0-9a-f]+'),
        `(${o.name})`,
      ),
    ),
    ...(p.kmsKeys ?? [])
      .filter((k) => !k.rotation)
      .map(() => result('kms_cmk_rotation_enabled', false, at, arnIn('kms', at, 'key/[0-9a-f-]+'))),
    ...(p.adminRole === undefined
      ? []
      : [
          result(
            'iam_policy_no_full_admin_attached',
            false,
            'global',
            `arn:aws:iam::${id}:policy/${p.adminRole}-full-access`,
          ),
        ]),
    ...(p.publicDatabase === undefined
      ? []
      : ['rds_instance_not_publicly_accessible', 'rds_instance_storage_encrypted'].map((check) =>
          result(check, false, at, `arn:aws:rds:${at}:${id}:db:${p.publicDatabase}`),
        )),
    ...(p.unencryptedFileSystem === undefined
      ? []
      : [
          result(
            'efs_file_system_encrypted',
            false,
            at,
            arnIn('elasticfilesystem', at, 'file-system/fs-[0-9a-f]+'),
          ),
        ]),
    ...(p.publicQueue === undefined
      ? []
      : [
          result(
            'sqs_queue_policy_no_public_principal',
            false,
            at,
            `arn:aws:sqs:${at}:${id}:${p.publicQueue}`,
          ),
        ]),
    ...(p.publicTopic === undefined
      ? []
      : [
          result(
            'sns_topic_policy_no_public_principal',
            false,
            at,
            `arn:aws:sns:${at}:${id}:${p.publicTopic}`,
          ),
        ]),
    ...(p.imdsV1Instance === undefined
      ? []
      : [
          result(
            'ec2_instance_imdsv2_required',
            false,
            at,
            arnIn('ec2', at, 'instance/i-[0-9a-f]+'),
            `(${p.imdsV1Instance})`,
          ),
        ]),
  ];
}

/** An Amazon Inspector2 finding the demo seeds into the account. */
interface ExpectedVulnerability {
  readonly accountId: string;
  readonly region: string;
  readonly cveId: string;
  /** Inspector's label: CRITICAL, HIGH, MEDIUM. */
  readonly severity: string;
  readonly instanceId: string;
  readonly findingArn: string;
}

function seededVulnerabilities(a: SeenAccount): ExpectedVulnerability[] {
  return (a.posture.findings ?? []).map((f) => ({
    accountId: a.accountId,
    region: f.region,
    cveId: DEMO_CVES[f.cve].id,
    severity: DEMO_CVES[f.cve].severity,
    instanceId: demoInstanceId(a.name, f.host),
    findingArn: String(
      demoInspectorFinding(a.accountId, a.name, f.region, f.cve, f.host)['findingArn'],
    ),
  }));
}

const byKey = <T extends { accountId: string; region: string; cveId: string; instanceId: string }>(
  list: T[],
) =>
  [...list].sort((a, b) =>
    `${a.accountId}/${a.region}/${a.cveId}/${a.instanceId}`.localeCompare(
      `${b.accountId}/${b.region}/${b.cveId}/${b.instanceId}`,
    ),
  );

const CSV_COLUMNS = [
  'finding_uid',
  'kind',
  'account_id',
  'region',
  'check_id',
  'title',
  'severity',
  'status',
  'compliance',
  'suppressed',
  'suppressed_by',
  'resource_type',
  'resource_uid',
  'description',
  'requirements',
  'remediation_url',
  'vulnerability_id',
  'error_code',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
  'scan_id',
] as const;
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

interface OcsfLine {
  class_uid?: number;
  severity?: string;
  metadata?: { product?: { name?: string; uid?: string } };
  cloud?: { region?: string; account?: { uid?: string } };
  resources?: { uid?: string }[];
  finding_info?: { uid?: string; uid_alt?: string };
  vulnerabilities?: { cve?: { uid?: string } }[];
}

describe('npm run demo -- --exit-after-scan (scripts/demo/demo.sh)', () => {
  let stdout: string;
  let accounts: SeenAccount[];
  /** `wrote <file> (N findings)` lines of the CLI, by file name. */
  let written: Map<string, number>;
  let rows: CsvRow[];
  let header: string[];
  const file = (name: string) => join(DEMO_OUTPUT, name);

  beforeAll(async () => {
    if (demo === undefined) throw new Error('the demo was not started');
    const finished = await demo.done;
    if (finished.code !== 0) {
      throw new Error(
        `scripts/demo/demo.sh exited with ${finished.code ?? finished.signal}:\n` +
          `${tail(finished.stdout)}\n${tail(finished.stderr)}`,
      );
    }
    stdout = finished.stdout;
    accounts = seededAccounts(stdout);
    written = new Map(
      [...stdout.matchAll(/^wrote (\S+) \((\d+) findings\)$/gm)].map(([, path = '', n]) => [
        path.slice(DEMO_OUTPUT.length + 1),
        Number(n),
      ]),
    );
    const [head = [], ...records] = parseCsv(readFileSync(file('findings.csv'), 'utf8'));
    header = head;
    rows = records.map(
      (r) => Object.fromEntries(head.map((column, i) => [column, r[i] ?? ''])) as CsvRow,
    );
  }, 300_000);

  it('should seed every account of the demo and print where the report is', () => {
    const { accountPaths } = demoTree();
    expect(accounts.map((a) => [a.name, a.ouPath]).sort()).toEqual(
      Object.keys(DEMO_POSTURES)
        .map((name) => [name, accountPaths.get(name)])
        .sort(),
    );
    const report = file('report.html');
    expect(stdout).toContain(`\n==> Report: ${report}\n    file://${report}\n`);
    expect([...written.keys()].sort()).toEqual([
      'findings.asff.json',
      'findings.csv',
      'findings.ocsf.jsonl',
      'report.html',
    ]);
    for (const name of written.keys()) expect(existsSync(file(name))).toBe(true);
  });

  it('should write a CSV row per finding, of every account, with the failures the demo seeds', () => {
    expect(header).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(written.get('findings.csv') ?? -1);
    expect(new Set(rows.map((r) => r.finding_uid)).size).toBe(rows.length);
    expect([...new Set(rows.map((r) => r.account_id))].sort()).toEqual(
      accounts.map((a) => a.accountId).sort(),
    );
    expect(new Set(rows.map((r) => r.scan_id)).size).toBe(1);

    const expected = accounts.flatMap(postureResults);
    const missing = expected.filter(
      (e) =>
        !rows.some(
          (r) =>
            r.kind === 'check' &&
            r.check_id === e.checkId &&
            r.account_id === e.accountId &&
            r.region === e.region &&
            r.compliance === e.compliance &&
            (typeof e.resource === 'string'
              ? r.resource_uid === e.resource
              : e.resource.test(r.resource_uid)) &&
            (e.describes === undefined || r.description.includes(e.describes)),
        ),
    );
    expect(missing).toEqual([]);
    expect(expected.filter((e) => e.compliance === 'FAIL').length).toBeGreaterThan(50);

    const vulnerabilities = rows
      .filter((r) => r.kind === 'inspector')
      .map((r) => ({
        accountId: r.account_id,
        region: r.region,
        cveId: r.vulnerability_id,
        severity: r.severity.toUpperCase(),
        instanceId: r.resource_uid,
      }));
    expect(byKey(vulnerabilities)).toEqual(
      byKey(accounts.flatMap(seededVulnerabilities)).map(({ findingArn: _arn, ...rest }) => rest),
    );
  });

  it('should write OCSF JSON Lines: compliance and vulnerability findings of Palisade', () => {
    const findings = parseJsonLines(
      readFileSync(file('findings.ocsf.jsonl'), 'utf8'),
    ) as OcsfLine[];
    expect(findings).toHaveLength(rows.length);
    expect(findings.filter((f) => f.class_uid === 2003)).toHaveLength(
      rows.filter((r) => r.kind === 'check').length,
    );
    expect(findings.filter((f) => f.class_uid !== 2003 && f.class_uid !== 2002)).toEqual([]);
    expect(findings.filter((f) => f.metadata?.product?.name !== 'Palisade')).toEqual([]);

    const vulnerabilities = findings
      .filter((f) => f.class_uid === 2002)
      .map((f) => ({
        accountId: f.cloud?.account?.uid ?? '',
        region: f.cloud?.region ?? '',
        cveId: f.vulnerabilities?.[0]?.cve?.uid ?? '',
        severity: (f.severity ?? '').toUpperCase(),
        instanceId: f.resources?.[0]?.uid ?? '',
        findingArn: f.finding_info?.uid_alt ?? '',
      }));
    expect(byKey(vulnerabilities)).toEqual(byKey(accounts.flatMap(seededVulnerabilities)));
  });

  it('should write ASFF that botocore accepts for BatchImportFindings, one finding per CSV row', async () => {
    const { Findings: findings } = JSON.parse(readFileSync(file('findings.asff.json'), 'utf8')) as {
      Findings: unknown[];
    };
    expect(findings).toHaveLength(rows.length);
    const validation = await validateAsffWithBotocore(findings);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  describe('report.html in headless Chromium', () => {
    let opened: ChromiumPage;
    const screenshot = join(OUTPUT, 'report.png');

    beforeAll(async () => {
      // Installs Chromium when it is missing: the report must be looked at, never skipped.
      await promisify(execFile)('bash', ['scripts/tools/chromium.sh'], { cwd: ROOT });
      rmSync(screenshot, { force: true });
      opened = await openInChromium(file('report.html'), { screenshotPath: screenshot });
    }, 900_000);

    afterAll(async () => {
      await opened?.close();
    });

    const tableWith = (caption: string) =>
      opened.page
        .locator('table')
        .filter({ has: opened.page.locator('caption', { hasText: new RegExp(`^${caption}`) }) });
    const countText = (shown: number, total: number) =>
      `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows shown`;
    /** The filter's own count line: it is written once the filter has been applied. */
    const filterCountIs = (text: string) =>
      opened.page
        .locator('#filter-count', { hasText: new RegExp(`^${escape(text)}$`) })
        .waitFor({ timeout: 10_000 });

    it('should load with no console error and no request: the file is self-contained', () => {
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.requests).toEqual([]);
      expect(opened.failedRequests).toEqual([]);
      expect(existsSync(screenshot)).toBe(true);
    });

    it('should show every demo account by name and every OU of the organization', async () => {
      const accountCells = await tableWith('Accounts of this scan')
        .locator('tbody th')
        .allInnerTexts();
      const names = new Map(
        accountCells.map((cell) => cell.trim().split('\n') as [string, string | undefined]),
      );
      expect([...names.keys()].sort()).toEqual(accounts.map((a) => a.accountId).sort());
      // Organizations names the management account itself (moto: `master`); the demo names members.
      for (const a of accounts.filter((x) => x.name !== DEMO_MANAGEMENT)) {
        expect([a.accountId, names.get(a.accountId)]).toEqual([a.accountId, a.name]);
      }
      const ouPaths = await tableWith('Each OU')
        .locator('tbody th > span.muted:not(.mono)')
        .allInnerTexts();
      expect(ouPaths.sort()).toEqual(
        demoTree()
          .ouPaths.map((p) => `/${p}`)
          .sort(),
      );
    });

    it('should list every finding in the table and narrow it with the filter', async () => {
      const { page } = opened;
      const table = page.locator('#findings-table tbody tr');
      const visible = page.locator('#findings-table tbody tr:not([hidden])');
      expect(await table.count()).toBe(rows.length);
      await filterCountIs(countText(rows.length, rows.length));

      const log4shell = DEMO_CVES.log4shell.id;
      const withLog4shell = accounts
        .flatMap(seededVulnerabilities)
        .filter((v) => v.cveId === log4shell);
      await page.fill('#filter-text', log4shell);
      await filterCountIs(countText(withLog4shell.length, rows.length));
      const shown = await visible.allInnerTexts();
      expect(shown).toHaveLength(withLog4shell.length);
      for (const text of shown) expect(text).toContain(log4shell);

      await page.fill('#filter-text', '');
      await page.selectOption('#filter-severity', 'critical');
      const critical = rows.filter((r) => r.severity === 'critical').length;
      await filterCountIs(countText(critical, rows.length));
      expect(critical).toBeGreaterThan(0);
      expect(critical).toBeLessThan(rows.length);
      expect(await visible.count()).toBe(critical);
      const otherSeverity =
        '#findings-table tbody tr:not([hidden]):not([data-severity="critical"])';
      expect(await page.locator(otherSeverity).count()).toBe(0);
    });
  });
});
