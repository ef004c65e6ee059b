// The options of each command, once: the parser reads them and the help text is written from
// them, so help cannot list an option the parser refuses (or miss one it takes).

export const COMMANDS = ['scan', 'serve'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** The member role `--org` assumes: the one AWS Organizations creates in every new account. */
export const DEFAULT_ORG_ROLE_NAME = 'OrganizationAccountAccessRole';
/** The member role `--accounts` assumes: the one Palisade's onboarding template deploys. */
export const DEFAULT_ACCOUNTS_ROLE_NAME = 'PalisadeScanRole';

export interface OptionSpec {
  /** The long name, without `--`. */
  readonly name: string;
  readonly short?: string;
  /** What the value looks like in help (`DIR`, `ID,ID`); absent for a flag. */
  readonly value?: string;
  /** Repeatable and comma-separated; the values add up. */
  readonly list?: boolean;
  readonly help: string;
  readonly group: string;
}

const HELP_OPTION: OptionSpec = {
  name: 'help',
  short: 'h',
  help: 'print this help and exit',
  group: 'Other',
};

const STORAGE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'database-url',
    value: 'URL',
    help: 'use this Postgres (default: an embedded one)',
    group: 'Storage',
  },
  {
    name: 'data-dir',
    value: 'DIR',
    help: "the embedded Postgres's data (default: per user)",
    group: 'Storage',
  },
];

export const SCAN_OPTIONS: readonly OptionSpec[] = [
  { name: 'org', help: 'every account of your AWS Organization', group: 'What to scan' },
  {
    name: 'accounts',
    value: 'ID,ID',
    list: true,
    help: 'these 12-digit account ids instead',
    group: 'What to scan',
  },
  {
    name: 'regions',
    value: 'R,R',
    list: true,
    help: 'only these regions (default: all enabled ones)',
    group: 'What to scan',
  },
  {
    name: 'framework',
    value: 'ID',
    list: true,
    help: 'run this framework; repeatable (default: all)',
    group: 'What to scan',
  },
  {
    name: 'checks',
    value: 'ID,ID',
    list: true,
    help: 'run only these checks (ids in docs/checks.md)',
    group: 'What to scan',
  },
  {
    name: 'management-role-arn',
    value: 'ARN',
    help: 'with --org: role to read the organization through',
    group: 'Access',
  },
  {
    name: 'role-name',
    value: 'NAME',
    help: 'the role to assume in each account (see below)',
    group: 'Access',
  },
  {
    name: 'external-id',
    value: 'ID',
    help: 'external id the member roles require',
    group: 'Access',
  },
  {
    name: 'output',
    value: 'DIR',
    help: 'write report.html and findings as CSV, OCSF, ASFF',
    group: 'Results',
  },
  {
    name: 'fail-on',
    value: 'LEVEL',
    help: 'exit 1 if a LEVEL or worse failure is open',
    group: 'Results',
  },
  {
    name: 'progress',
    value: 'MODE',
    help: 'auto|bars|plain|none (default: auto)',
    group: 'Results',
  },
  {
    name: 'serve',
    help: 'then serve the API over the results until Ctrl-C',
    group: 'Results',
  },
  {
    name: 'port',
    value: 'N',
    help: `with --serve: port (default: ${DEFAULT_PORT})`,
    group: 'Results',
  },
  {
    name: 'host',
    value: 'HOST',
    help: `with --serve: address (default: ${DEFAULT_HOST})`,
    group: 'Results',
  },
  ...STORAGE_OPTIONS,
  HELP_OPTION,
];

export const SERVE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'port',
    value: 'N',
    help: `port to listen on (default: ${DEFAULT_PORT})`,
    group: 'Server',
  },
  {
    name: 'host',
    value: 'HOST',
    help: `address to listen on (default: ${DEFAULT_HOST})`,
    group: 'Server',
  },
  ...STORAGE_OPTIONS,
  HELP_OPTION,
];

export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionSpec[]>> = {
  scan: SCAN_OPTIONS,
  serve: SERVE_OPTIONS,
};

/** How an option is written in help and in error messages: `--output DIR`. */
export function optionSyntax(option: OptionSpec): string {
  const long = option.value === undefined ? `--${option.name}` : `--${option.name} ${option.value}`;
  return option.short === undefined ? long : `-${option.short}, ${long}`;
}

function optionLines(options: readonly OptionSpec[]): string {
  const width = Math.max(...options.map((o) => optionSyntax(o).length)) + 2;
  const groups = [...new Set(options.map((o) => o.group))];
  return groups
    .map((group) => {
      const lines = options
        .filter((o) => o.group === group)
        .map((o) => `  ${optionSyntax(o).padEnd(width)}${o.help}`);
      return `${group}:\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

export const USAGE = `Usage: palisade <command> [options]

Palisade checks every AWS account you are responsible for against the CIS AWS
Foundations Benchmark and gathers their Amazon Inspector findings, as OCSF.

Commands:
  scan    scan an AWS Organization or a list of accounts, then print a summary
  serve   serve the REST API over the stored results

Options:
  -h, --help     print this help (palisade scan --help: the options of scan)
  -v, --version  print the version and exit

AWS credentials come from the standard chain (AWS_PROFILE, SSO, environment
variables, instance roles); AWS_ENDPOINT_URL points the SDK at an emulator.

Exit codes: 0 done, 1 --fail-on threshold met, 2 usage error, 3 runtime error.
`;

const SCAN_USAGE = `Usage: palisade scan (--org | --accounts ID,ID) [options]

Scans the accounts, stores the results and prints a summary: each account's
results and the failing requirements that reach the most accounts.

${optionLines(SCAN_OPTIONS)}
The member role is ${DEFAULT_ORG_ROLE_NAME} with --org and
${DEFAULT_ACCOUNTS_ROLE_NAME} with --accounts. Without --management-role-arn, --org reads
the organization with your own credentials: the management account's or a
delegated administrator's. A --fail-on LEVEL is critical, high or medium.

Examples:
  # every account of the organization
  palisade scan --org

  # two accounts, through a role whose trust policy requires an external id
  palisade scan --accounts 111122223333,444455556666 \\
    --role-name PalisadeScanRole --external-id 9f1c6d2e-palisade

  # two regions, writing the HTML report and the finding exports
  palisade scan --org --regions us-east-1,eu-west-1 --output ./palisade-report

  # in CI: plain progress, exit 1 when a high or critical failure is open
  palisade scan --accounts 111122223333 --progress plain --fail-on high
`;

const SERVE_USAGE = `Usage: palisade serve [options]

Serves the REST API over the results of earlier scans and prints its base URL
and an operator key. Ctrl-C stops it.

${optionLines(SERVE_OPTIONS)}
Examples:
  palisade serve
  palisade serve --port 9090 --database-url postgres://me@localhost/palisade
`;

export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  scan: SCAN_USAGE,
  serve: SERVE_USAGE,
};
