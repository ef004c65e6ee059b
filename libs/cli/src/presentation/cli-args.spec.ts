import { ALL_CHECKS, FRAMEWORKS } from '@palisade/checks';
import { formatUsageError, parseCliArgs, type ParsedCommand, type UsageError } from './cli-args';
import { COMMAND_USAGE, USAGE } from './usage';

const ACCOUNT_A = '111122223333';
const ACCOUNT_B = '444455556666';
const CIS = 'cis-aws-foundations-v7.0.0';

function problems(...argv: string[]): readonly string[] {
  const parsed = parseCliArgs(argv);
  if (parsed.kind !== 'usage-error') throw new Error(`expected a usage error, got ${parsed.kind}`);
  return parsed.problems;
}

/** The single problem of a command line with one mistake. */
function problem(...argv: string[]): string {
  const found = problems(...argv);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function parsed(...argv: string[]): Exclude<ParsedCommand | UsageError, UsageError> {
  const result = parseCliArgs(argv);
  if (result.kind === 'usage-error') throw new Error(result.problems.join('\n'));
  return result;
}

function scan(...argv: string[]) {
  const result = parsed('scan', ...argv);
  if (result.kind !== 'scan') throw new Error(`expected scan, got ${result.kind}`);
  return result;
}

describe('parseCliArgs: help and version', () => {
  it.each([['--help'], ['-h'], ['-h', '--version'], ['--version', '--help'], ['--help', 'nope']])(
    'should give the general help for %j',
    (...argv) => {
      expect(parseCliArgs(argv)).toEqual({ kind: 'help', text: USAGE });
    },
  );

  it.each([['--version'], ['-v']])('should give the version for %s', (flag) => {
    expect(parseCliArgs([flag])).toEqual({ kind: 'version' });
  });

  it.each([
    [['scan', '--help'], 'scan'],
    [['scan', '-h'], 'scan'],
    [['--help', 'scan'], 'scan'],
    [['scan', '--org', '--bogus', '--help'], 'scan'],
    [['scan', '--accounts', 'not-an-id', '-h'], 'scan'],
    [['serve', '--help'], 'serve'],
  ] as const)('should give the help of the command for %j', (argv, command) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'help', text: COMMAND_USAGE[command] });
  });

  it('should refuse a version asked for with a command', () => {
    expect(problem('--version', 'scan')).toBe('--version takes no command: palisade --version');
    expect(problem('scan', '--version')).toMatch(/^unknown option '--version' for scan/);
  });
});

describe('parseCliArgs: commands', () => {
  it('should name both commands when none is given', () => {
    expect(problem()).toBe(
      'missing a command: palisade scan … or palisade serve … (palisade --help)',
    );
  });

  it('should suggest the command a typo meant', () => {
    expect(problem('scna')).toBe("unknown command 'scna'; did you mean palisade scan?");
    expect(problem('srve')).toBe("unknown command 'srve'; did you mean palisade serve?");
  });

  it('should list the commands when the word is nothing like one', () => {
    expect(problem('deploy')).toBe(
      "unknown command 'deploy': the commands are scan and serve (palisade --help)",
    );
  });

  it('should say that options go after the command', () => {
    expect(problem('--org', 'scan')).toBe('options go after the command: palisade scan --org …');
    expect(problem('--accounts', ACCOUNT_A, 'scan')).toBe(
      'options go after the command: palisade scan --accounts …',
    );
  });

  it('should refuse an option before any command', () => {
    expect(problem('--org')).toBe("unknown option '--org' (palisade --help)");
  });

  it('should refuse a second command', () => {
    expect(problem('serve', 'scan')).toBe("one command at a time: 'scan' follows serve");
  });
});

describe('parseCliArgs: scan targets', () => {
  it('should scan the organization with the Organizations member role by default', () => {
    expect(scan('--org')).toEqual({
      kind: 'scan',
      target: { kind: 'organization' },
      roleName: 'OrganizationAccountAccessRole',
      storage: {},
      progress: 'auto',
    });
  });

  it('should scan listed accounts with the Palisade role by default', () => {
    expect(scan('--accounts', `${ACCOUNT_A},${ACCOUNT_B}`)).toMatchObject({
      target: { kind: 'accounts', accountIds: [ACCOUNT_A, ACCOUNT_B] },
      roleName: 'PalisadeScanRole',
    });
  });

  it('should add up repeated and comma-separated account ids, once each', () => {
    const command = scan(
      `--accounts=${ACCOUNT_A}, ${ACCOUNT_B},`,
      '--accounts',
      `${ACCOUNT_A},999988887777`,
    );
    expect(command.target).toEqual({
      kind: 'accounts',
      accountIds: [ACCOUNT_A, ACCOUNT_B, '999988887777'],
    });
  });

  it('should read the management role with --org', () => {
    const arn = 'arn:aws:iam::123456789012:role/org/PalisadeManagement';
    expect(scan('--org', '--management-role-arn', arn).target).toEqual({
      kind: 'organization',
      managementRoleArn: arn,
    });
    expect(
      scan('--org', `--management-role-arn=arn:aws-us-gov:iam::123456789012:role/r`).target,
    ).toEqual({
      kind: 'organization',
      managementRoleArn: 'arn:aws-us-gov:iam::123456789012:role/r',
    });
  });

  it('should refuse both --org and --accounts, and neither', () => {
    expect(problem('scan', '--org', '--accounts', ACCOUNT_A)).toBe(
      '--org and --accounts exclude each other: scan the whole organization (--org) or listed accounts (--accounts)',
    );
    expect(problem('scan')).toBe(
      'say what to scan: --org (every account of your organization) or --accounts 111122223333,444455556666',
    );
  });

  it.each([
    ['12345', "--accounts: '12345' is not an AWS account id (12 digits, like 111122223333)"],
    [
      '1111222233334',
      "--accounts: '1111222233334' is not an AWS account id (12 digits, like 111122223333)",
    ],
    ['prod', "--accounts: 'prod' is not an AWS account id (12 digits, like 111122223333)"],
    ['1111-2222-3333', "--accounts: write '1111-2222-3333' without dashes: 111122223333"],
  ])('should refuse the account id %j', (id, message) => {
    expect(problem('scan', '--accounts', id)).toBe(message);
  });

  it('should give one line per bad account id', () => {
    expect(problems('scan', '--accounts', `${ACCOUNT_A},12,abc`)).toEqual([
      "--accounts: '12' is not an AWS account id (12 digits, like 111122223333)",
      "--accounts: 'abc' is not an AWS account id (12 digits, like 111122223333)",
    ]);
  });

  it.each([
    ['--accounts', '--accounts ID,ID'],
    ['--regions', '--regions R,R'],
    ['--framework', '--framework ID'],
    ['--checks', '--checks ID,ID'],
  ])('should refuse an empty %s list', (option, syntax) => {
    const target = option === '--accounts' ? [] : ['--org'];
    expect(problem('scan', ...target, option, ' , ,')).toBe(
      `${option} needs at least one value: ${syntax}`,
    );
  });

  it('should explain that account ids are separated by commas, not spaces', () => {
    expect(problem('scan', '--accounts', ACCOUNT_A, ACCOUNT_B)).toBe(
      "unexpected argument '444455556666': separate the values of --accounts with commas, no spaces (--accounts a,b)",
    );
  });

  it.each([
    'arn:aws:iam::123456789012:user/alice',
    'arn:aws:sts::123456789012:assumed-role/r/s',
    'arn:aws:iam::12345678901:role/r',
    'arn:azure:iam::123456789012:role/r',
    'PalisadeManagement',
    'arn:aws:iam::123456789012:role/',
  ])('should refuse the management role ARN %j', (arn) => {
    expect(problem('scan', '--org', '--management-role-arn', arn)).toMatch(
      /^--management-role-arn '.*' is not an IAM role ARN; write it like arn:aws:iam::111122223333:role\/PalisadeManagementRole$/,
    );
  });

  it('should refuse a management role with --accounts', () => {
    expect(
      problem(
        'scan',
        '--accounts',
        ACCOUNT_A,
        '--management-role-arn',
        'arn:aws:iam::123456789012:role/m',
      ),
    ).toBe(
      '--management-role-arn only applies with --org; with --accounts each account is reached through --role-name',
    );
  });
});

describe('parseCliArgs: scan access', () => {
  it('should take a role name and an external id', () => {
    const command = scan(
      '--accounts',
      ACCOUNT_A,
      '--role-name',
      'Security+Audit=1,.@_-',
      '--external-id=9f1c6d2e:palisade/x@y.z',
    );
    expect(command).toMatchObject({
      roleName: 'Security+Audit=1,.@_-',
      externalId: '9f1c6d2e:palisade/x@y.z',
    });
  });

  it.each([
    [
      'has space',
      "--role-name 'has space' is not an IAM role name: 1 to 64 letters, digits and _+=,.@- (no path)",
    ],
    [
      'path/Role',
      "--role-name 'path/Role' is not an IAM role name: 1 to 64 letters, digits and _+=,.@- (no path)",
    ],
    ['r'.repeat(65), expect.stringMatching(/^--role-name 'r+' is not an IAM role name/)],
    [
      'arn:aws:iam::123456789012:role/ops/Scan',
      "--role-name takes the role's name, not its ARN: --role-name Scan",
    ],
  ])('should refuse the role name %j', (name, message) => {
    expect(problem('scan', '--org', '--role-name', name)).toEqual(message);
  });

  it.each(['x', 'x'.repeat(1225), 'has space', 'semi;colon', 'é-accent'])(
    'should refuse the external id %j without echoing it',
    (id) => {
      const line = problem('scan', '--org', '--external-id', id);
      expect(line).toBe(
        '--external-id must be 2 to 1224 characters of letters, digits and _+=,.@:/- (the sts:ExternalId rule)',
      );
    },
  );

  it('should take external ids at both length limits', () => {
    expect(scan('--org', '--external-id', 'ab').externalId).toBe('ab');
    expect(scan('--org', '--external-id', 'a'.repeat(1224)).externalId).toHaveLength(1224);
  });
});

describe('parseCliArgs: scan selection', () => {
  it('should take regions, frameworks and checks as lists', () => {
    const [first, second] = ALL_CHECKS.map((c) => c.metadata.id);
    const command = scan(
      '--org',
      '--regions',
      'eu-west-1,us-east-1',
      '--regions=me-central-1',
      '--framework',
      CIS,
      `--framework=${FRAMEWORKS.map((f) => f.id).join(',')}`,
      '--checks',
      `${first},${second}`,
    );
    expect(command).toMatchObject({
      regions: ['eu-west-1', 'us-east-1', 'me-central-1'],
      frameworks: FRAMEWORKS.map((f) => f.id),
      checks: [first, second],
    });
  });

  it('should leave the selection out when none is given', () => {
    const command = scan('--org');
    expect(command).not.toHaveProperty('regions');
    expect(command).not.toHaveProperty('frameworks');
    expect(command).not.toHaveProperty('checks');
  });

  it('should suggest the region a typo meant, and name the codes otherwise', () => {
    expect(problems('scan', '--org', '--regions', 'eu-west-l,westeurope,us-east-1')).toEqual([
      "unknown region 'eu-west-l'; did you mean eu-west-1?",
      "unknown region 'westeurope': give AWS region codes such as us-east-1 or eu-west-1",
    ]);
  });

  it('should refuse regions of two partitions in one scan', () => {
    expect(problem('scan', '--org', '--regions', 'us-east-1,eu-west-1,cn-north-1')).toBe(
      '--regions mixes AWS partitions (us-east-1 is aws, cn-north-1 is aws-cn): one scan reaches one partition',
    );
  });

  it('should take GovCloud regions on their own', () => {
    expect(scan('--org', '--regions', 'us-gov-west-1,us-gov-east-1').regions).toEqual([
      'us-gov-west-1',
      'us-gov-east-1',
    ]);
  });

  it('should suggest the check a typo meant', () => {
    expect(problem('scan', '--org', '--checks', 'iam_root_mfa_enable')).toBe(
      "unknown check 'iam_root_mfa_enable'; did you mean iam_root_mfa_enabled?",
    );
  });

  it('should point at the check list when the id is nothing like one', () => {
    expect(problem('scan', '--org', '--checks', 'firewall')).toBe(
      "unknown check 'firewall': the check ids are listed in docs/checks.md",
    );
  });

  it('should suggest the framework a short or mistyped id meant', () => {
    expect(problem('scan', '--org', '--framework', 'cis')).toBe(
      `unknown framework 'cis'; did you mean ${CIS}?`,
    );
    expect(problem('scan', '--org', '--framework', 'cis-aws-foundations-v7.0')).toBe(
      `unknown framework 'cis-aws-foundations-v7.0'; did you mean ${CIS}?`,
    );
  });

  it('should list the frameworks when the id is nothing like one', () => {
    const known = FRAMEWORKS.map((f) => f.id);
    expect(problem('scan', '--org', '--framework', 'nist-800-53')).toBe(
      `unknown framework 'nist-800-53': the frameworks are ${known.slice(0, -1).join(', ')} or ${known.at(-1)}`,
    );
  });
});

describe('parseCliArgs: scan results and storage', () => {
  it('should read output, fail-on, progress and storage', () => {
    expect(
      scan(
        '--org',
        '--output',
        './out dir',
        '--fail-on=high',
        '--progress',
        'plain',
        '--data-dir',
        '/var/tmp/palisade',
      ),
    ).toMatchObject({
      outputDir: './out dir',
      failOn: 'high',
      progress: 'plain',
      storage: { dataDir: '/var/tmp/palisade' },
    });
  });

  it('should take a postgres URL as storage', () => {
    const url = 'postgresql://scanner:s3cret@db.internal:5432/palisade';
    expect(scan('--org', '--database-url', url).storage).toEqual({ databaseUrl: url });
  });

  it('should serve after the scan on the default address, or the one given', () => {
    expect(scan('--org', '--serve').serve).toEqual({ port: 8080, host: '127.0.0.1' });
    expect(scan('--org', '--serve', '--port=0', '--host', '0.0.0.0').serve).toEqual({
      port: 0,
      host: '0.0.0.0',
    });
    expect(scan('--org')).not.toHaveProperty('serve');
  });

  it.each([
    [['--fail-on', 'low'], "--fail-on must be critical, high or medium, not 'low'"],
    [['--progress', 'fancy'], "--progress must be auto, bars, plain or none, not 'fancy'"],
    [['--serve', '--port', '65536'], "--port must be a whole number from 0 to 65535, not '65536'"],
    [['--serve', '--port', '-1'], "--port must be a whole number from 0 to 65535, not '-1'"],
    [['--serve', '--port', '80.5'], "--port must be a whole number from 0 to 65535, not '80.5'"],
    [['--serve', '--port', 'http'], "--port must be a whole number from 0 to 65535, not 'http'"],
    [
      ['--serve', '--host', 'a b'],
      "--host 'a b' is not a host name or IP address: e.g. --host 127.0.0.1 or --host 0.0.0.0",
    ],
    [
      ['--port', '80'],
      '--port only applies with --serve: add --serve to serve the API after the scan',
    ],
    [
      ['--host', '::1'],
      '--host only applies with --serve: add --serve to serve the API after the scan',
    ],
    [
      ['--data-dir', '/d', '--database-url', 'postgres://localhost/p'],
      '--data-dir is for the embedded Postgres: drop it, or drop --database-url',
    ],
  ])('should refuse %j', (argv, message) => {
    expect(problem('scan', '--org', ...argv)).toBe(message);
  });

  it.each(['mysql://u:pa55word@h/db', 'not a url', 'postgres://', 'pa55word'])(
    'should refuse the database URL %j without echoing it',
    (url) => {
      const line = problem('scan', '--org', '--database-url', url);
      expect(line).toBe(
        '--database-url must be a postgres:// URL, like postgres://user:password@localhost:5432/palisade',
      );
      expect(line).not.toContain('pa55word');
    },
  );
});

describe('parseCliArgs: option syntax', () => {
  it('should suggest the option a typo meant', () => {
    expect(problem('scan', '--org', '--regoins', 'eu-west-1')).toBe(
      "unknown option '--regoins' for scan; did you mean --regions? (palisade scan --help)",
    );
    expect(problem('serve', '--prot=80')).toBe(
      "unknown option '--prot' for serve; did you mean --port? (palisade serve --help)",
    );
  });

  it('should not suggest a far-fetched option', () => {
    expect(problem('scan', '--org', '--verbose')).toBe(
      "unknown option '--verbose' for scan (palisade scan --help)",
    );
  });

  it('should refuse scan options on serve', () => {
    expect(problem('serve', '--org')).toBe(
      "unknown option '--org' for serve (palisade serve --help)",
    );
  });

  it.each([
    [['--output'], '--output needs a value: --output DIR'],
    [['--output='], '--output needs a value: --output DIR'],
    [['--output', '--serve'], '--output needs a value: --output DIR'],
    [['--role-name', ' '], '--role-name needs a value: --role-name NAME'],
  ])('should ask for the missing value in %j', (argv, message) => {
    expect(problem('scan', '--org', ...argv)).toBe(message);
  });

  it('should refuse a value on a flag', () => {
    expect(problem('scan', '--org=yes')).toBe('--org takes no value; write --org alone');
  });

  it('should refuse a single-valued option given twice', () => {
    expect(problem('scan', '--org', '--output', 'a', '--output=b')).toBe(
      '--output is given twice; give it once',
    );
  });

  it('should refuse a stray argument and the option terminator', () => {
    expect(problem('scan', '--org', 'now')).toBe(
      "unexpected argument 'now': palisade scan takes only options (palisade scan --help)",
    );
    expect(problem('scan', '--org', '--', '--accounts')).toBe(
      "unexpected '--': palisade scan takes only options",
    );
  });

  it('should echo typed values printable and short', () => {
    const line = problem('scan', '--org', `--role-name=\u001b[31mred${'x'.repeat(200)}`);
    expect(line).not.toContain('\u001b');
    expect(line.length).toBeLessThan(200);
  });

  it('should report every value mistake at once, one line each', () => {
    expect(
      problems(
        'scan',
        '--accounts',
        '12',
        '--regions',
        'eu-west-l',
        '--checks',
        'nope',
        '--fail-on',
        'low',
      ),
    ).toHaveLength(4);
  });

  it('should report syntax mistakes alone, before any value is judged', () => {
    expect(problems('scan', '--accounts', '12', '--bogus')).toEqual([
      "unknown option '--bogus' for scan (palisade scan --help)",
    ]);
  });
});

describe('parseCliArgs: serve', () => {
  it('should serve on the default address with embedded storage', () => {
    expect(parsed('serve')).toEqual({
      kind: 'serve',
      storage: {},
      listen: { port: 8080, host: '127.0.0.1' },
    });
  });

  it('should read the address and the storage', () => {
    expect(
      parsed('serve', '--port=9090', '--host', 'localhost', '--database-url', 'postgres://h/db'),
    ).toEqual({
      kind: 'serve',
      storage: { databaseUrl: 'postgres://h/db' },
      listen: { port: 9090, host: 'localhost' },
    });
  });

  it('should refuse a bad port', () => {
    expect(problem('serve', '--port', '70000')).toBe(
      "--port must be a whole number from 0 to 65535, not '70000'",
    );
  });
});

describe('formatUsageError', () => {
  it('should print each problem as its own palisade: line', () => {
    expect(formatUsageError({ kind: 'usage-error', problems: ['one', 'two'] })).toBe(
      'palisade: one\npalisade: two\n',
    );
  });
});
