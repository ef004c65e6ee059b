// `palisade [--help|--version] <scan|serve> [options]` → a typed command, or every mistake as
// one line that names the fix. Pure: no environment, no file system, no AWS.
import { isIP } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PARTITIONS, closestRegion, isKnownRegion, partitionOfRegion } from '@palisade/aws';
import { ALL_CHECKS, FRAMEWORKS } from '@palisade/checks';
import { orList, suggest } from './suggest';
import {
  COMMANDS,
  COMMAND_OPTIONS,
  COMMAND_USAGE,
  SCAN_OPTIONS,
  DEFAULT_ACCOUNTS_ROLE_NAME,
  DEFAULT_HOST,
  DEFAULT_ORG_ROLE_NAME,
  DEFAULT_PORT,
  USAGE,
  optionSyntax,
  type CommandName,
  type OptionSpec,
} from './usage';

export const PROGRESS_MODES = ['auto', 'bars', 'plain', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** `--fail-on` thresholds, most severe first. */
export const FAIL_ON_THRESHOLDS = ['critical', 'high', 'medium'] as const;
export type FailOnThreshold = (typeof FAIL_ON_THRESHOLDS)[number];

export type ScanTarget =
  | {
      readonly kind: 'organization';
      /** Absent: the current credentials read the organization. */
      readonly managementRoleArn?: string;
    }
  | { readonly kind: 'accounts'; readonly accountIds: readonly string[] };

/** Where results are stored: a Postgres URL, else the embedded Postgres (in `dataDir` if set). */
export interface StorageOptions {
  readonly databaseUrl?: string;
  readonly dataDir?: string;
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
}

export interface ScanCommand {
  readonly kind: 'scan';
  readonly target: ScanTarget;
  /** The member role, defaulted by target (OrganizationAccountAccessRole / PalisadeScanRole). */
  readonly roleName: string;
  readonly externalId?: string;
  /** Absent: every region each account has enabled. Lists are deduplicated, in given order. */
  readonly regions?: readonly string[];
  /** Absent: every framework. */
  readonly frameworks?: readonly string[];
  /** Absent: every check of the frameworks. */
  readonly checks?: readonly string[];
  readonly outputDir?: string;
  readonly failOn?: FailOnThreshold;
  readonly storage: StorageOptions;
  readonly progress: ProgressMode;
  /** Present with `--serve`: serve the API on this address once the scan is done. */
  readonly serve?: ListenOptions;
}

export interface ServeCommand {
  readonly kind: 'serve';
  readonly storage: StorageOptions;
  readonly listen: ListenOptions;
}

export type ParsedCommand =
  | ScanCommand
  | ServeCommand
  /** Print `text` to stdout and exit 0. */
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' };

/** Exit 2 after printing `formatUsageError(error)` to stderr. */
export interface UsageError {
  readonly kind: 'usage-error';
  /** One line per mistake, without the `palisade: ` prefix. */
  readonly problems: readonly string[];
}

/** The lines to print to stderr for a usage error, each `palisade: …`, newline-terminated. */
export function formatUsageError(error: UsageError): string {
  return error.problems.map((p) => `palisade: ${p}\n`).join('');
}

const GENERAL_HELP = '(palisade --help)';

export function parseCliArgs(argv: readonly string[]): ParsedCommand | UsageError {
  const commandAt = argv.findIndex((arg) => !arg.startsWith('-'));
  const leading = commandAt === -1 ? argv : argv.slice(0, commandAt);
  const command = commandAt === -1 ? undefined : argv[commandAt];

  let help = false;
  let version = false;
  for (const arg of leading) {
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-v' || arg === '--version') version = true;
    else {
      // `palisade --org scan`: the option is right, its place is not.
      const later = argv.find(isCommand);
      return usageError(
        later === undefined
          ? `unknown option ${quote(arg)} ${GENERAL_HELP}`
          : `options go after the command: palisade ${later} ${quote(arg).slice(1, -1)} …`,
      );
    }
  }
  if (command === undefined) {
    if (help) return { kind: 'help', text: USAGE };
    if (version) return { kind: 'version' };
    return usageError(`missing a command: palisade scan … or palisade serve … ${GENERAL_HELP}`);
  }
  if (!isCommand(command)) {
    if (help) return { kind: 'help', text: USAGE };
    const guess = suggest(command, COMMANDS);
    return usageError(
      guess === undefined
        ? `unknown command ${quote(command)}: the commands are scan and serve ${GENERAL_HELP}`
        : `unknown command ${quote(command)}; did you mean palisade ${guess}?`,
    );
  }
  if (help) return { kind: 'help', text: COMMAND_USAGE[command] };
  if (version) return usageError('--version takes no command: palisade --version');
  return parseCommand(command, argv.slice(commandAt + 1));
}

function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

function usageError(...problems: string[]): UsageError {
  return { kind: 'usage-error', problems };
}

/** Quotes a value the user typed, cut short: it is echoed into one line. */
function quote(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return `'${printable.length > 80 ? `${printable.slice(0, 79)}…` : printable}'`;
}

/** The values each option was given, in order (a flag gets one `''` per use). */
type Given = Map<string, string[]>;

function parseCommand(command: CommandName, args: readonly string[]): ParsedCommand | UsageError {
  const specs = COMMAND_OPTIONS[command];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
    specs.map((s) => [
      s.name,
      {
        type: s.value === undefined ? 'boolean' : 'string',
        // parseArgs refuses `short: undefined`.
        ...(s.short === undefined ? {} : { short: s.short }),
      },
    ]),
  );
  // Not strict: the tokens are checked here, so each mistake gets its own line and fix.
  const { tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const given: Given = new Map();
  const problems: string[] = [];
  // The option just before a positional, which may explain it; 'unknown' when it was mistyped.
  let previous: OptionSpec | 'unknown' | undefined;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      problems.push(`unexpected '--': palisade ${command} takes only options`);
      break;
    }
    if (token.kind === 'positional') {
      // After a mistyped option, the positional is most likely its value: one line says it all.
      if (previous !== 'unknown') problems.push(strayArgument(command, token.value, previous));
      previous = undefined;
      continue;
    }
    const spec = byName.get(token.name);
    previous = undefined;
    if (spec === undefined) {
      problems.push(unknownOption(command, token.rawName, specs));
      previous = token.inlineValue === true ? undefined : 'unknown';
      continue;
    }
    if (spec.name === 'help') return { kind: 'help', text: COMMAND_USAGE[command] };
    const values = given.get(spec.name) ?? [];
    given.set(spec.name, values);
    if (spec.value === undefined) {
      if (token.value !== undefined) {
        problems.push(`--${spec.name} takes no value; write --${spec.name} alone`);
      }
      values.push('');
      continue;
    }
    // `--output --org`: parseArgs takes the next option as the value; the user forgot one.
    const value =
      token.inlineValue === false && token.value?.startsWith('--') ? undefined : token.value;
    if (value === undefined || value.trim() === '') {
      problems.push(`--${spec.name} needs a value: ${optionSyntax(spec)}`);
      continue;
    }
    if (values.length > 0 && spec.list !== true) {
      problems.push(`--${spec.name} is given twice; give it once`);
      continue;
    }
    values.push(value.trim());
    previous = token.inlineValue === true ? undefined : spec;
  }
  // Values are checked once the words are where they belong: a misplaced value would only add noise.
  if (problems.length > 0) return { kind: 'usage-error', problems };
  return command === 'scan' ? scanCommand(given) : serveCommand(given);
}

function strayArgument(command: CommandName, value: string, after: OptionSpec | undefined): string {
  if (after?.list === true) {
    return (
      `unexpected argument ${quote(value)}: separate the values of --${after.name} with ` +
      `commas, no spaces (--${after.name} a,b)`
    );
  }
  if (isCommand(value)) return `one command at a time: ${quote(value)} follows ${command}`;
  return `unexpected argument ${quote(value)}: palisade ${command} takes only options (palisade ${command} --help)`;
}

function unknownOption(command: CommandName, raw: string, specs: readonly OptionSpec[]): string {
  const name = raw.replace(/^-+/, '');
  const guess = suggest(
    name,
    specs.map((s) => s.name),
  );
  const hint = guess === undefined ? '' : `; did you mean --${guess}?`;
  return `unknown option ${quote(raw)} for ${command}${hint} (palisade ${command} --help)`;
}

/**
 * The values of a list option: comma-split, trimmed, empty items dropped, deduplicated; a
 * problem line when nothing is left (`--regions ,`).
 */
function listOf(given: Given, name: string, problems: string[]): string[] | undefined {
  const values = given.get(name);
  if (values === undefined) return undefined;
  const items = values.flatMap((v) => v.split(',').map((item) => item.trim()));
  const list = [...new Set(items.filter((item) => item !== ''))];
  if (list.length === 0) {
    const spec = SCAN_OPTIONS.find((o) => o.name === name)!;
    problems.push(`--${name} needs at least one value: ${optionSyntax(spec)}`);
  }
  return list;
}

function single(given: Given, name: string): string | undefined {
  return given.get(name)?.[0];
}

function scanCommand(given: Given): ScanCommand | UsageError {
  const problems: string[] = [];
  const org = given.has('org');
  const accounts = listOf(given, 'accounts', problems);
  const managementRoleArn = single(given, 'management-role-arn');

  let target: ScanTarget | undefined;
  if (org && accounts !== undefined) {
    problems.push(
      '--org and --accounts exclude each other: scan the whole organization (--org) or listed accounts (--accounts)',
    );
  } else if (org) {
    target =
      managementRoleArn === undefined
        ? { kind: 'organization' }
        : { kind: 'organization', managementRoleArn };
  } else if (accounts !== undefined) {
    problems.push(...accounts.flatMap(accountIdProblem));
    target = { kind: 'accounts', accountIds: accounts };
  } else {
    problems.push(
      'say what to scan: --org (every account of your organization) or --accounts 111122223333,444455556666',
    );
  }
  if (managementRoleArn !== undefined) {
    if (!org && accounts !== undefined) {
      problems.push(
        '--management-role-arn only applies with --org; with --accounts each account is reached through --role-name',
      );
    }
    if (!isRoleArn(managementRoleArn)) {
      problems.push(
        `--management-role-arn ${quote(managementRoleArn)} is not an IAM role ARN; write it like arn:aws:iam::111122223333:role/PalisadeManagementRole`,
      );
    }
  }

  const roleName = single(given, 'role-name');
  if (roleName !== undefined) problems.push(...roleNameProblem(roleName));
  const externalId = single(given, 'external-id');
  // The value is never echoed: an external id is shared with the role's owner, not the terminal.
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    problems.push(
      '--external-id must be 2 to 1224 characters of letters, digits and _+=,.@:/- (the sts:ExternalId rule)',
    );
  }

  const regions = listOf(given, 'regions', problems);
  if (regions !== undefined) problems.push(...regionProblems(regions));
  const frameworks = listOf(given, 'framework', problems);
  if (frameworks !== undefined) problems.push(...frameworkProblems(frameworks));
  const checks = listOf(given, 'checks', problems);
  if (checks !== undefined) problems.push(...checkProblems(checks));

  const failOn = choice(given, 'fail-on', FAIL_ON_THRESHOLDS, problems);
  const progress = choice(given, 'progress', PROGRESS_MODES, problems) ?? 'auto';

  const serve = given.has('serve');
  for (const name of ['port', 'host']) {
    if (given.has(name) && !serve) {
      problems.push(
        `--${name} only applies with --serve: add --serve to serve the API after the scan`,
      );
    }
  }
  const listen = listenOptions(given, problems);
  const storage = storageOptions(given, problems);

  if (problems.length > 0 || target === undefined) return { kind: 'usage-error', problems };
  return {
    kind: 'scan',
    target,
    roleName: roleName ?? (org ? DEFAULT_ORG_ROLE_NAME : DEFAULT_ACCOUNTS_ROLE_NAME),
    ...(externalId === undefined ? {} : { externalId }),
    ...(regions === undefined ? {} : { regions }),
    ...(frameworks === undefined ? {} : { frameworks }),
    ...(checks === undefined ? {} : { checks }),
    ...optional('outputDir', single(given, 'output')),
    ...(failOn === undefined ? {} : { failOn }),
    storage,
    progress,
    ...(serve ? { serve: listen } : {}),
  };
}

function serveCommand(given: Given): ServeCommand | UsageError {
  const problems: string[] = [];
  const listen = listenOptions(given, problems);
  const storage = storageOptions(given, problems);
  if (problems.length > 0) return { kind: 'usage-error', problems };
  return { kind: 'serve', storage, listen };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: string });
}

/** The value of an option that takes one of a few words; a problem line for any other word. */
function choice<T extends string>(
  given: Given,
  name: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  const value = single(given, name);
  if (value === undefined) return undefined;
  const match = allowed.find((word) => word === value);
  if (match === undefined)
    problems.push(`--${name} must be ${orList(allowed)}, not ${quote(value)}`);
  return match;
}

function listenOptions(given: Given, problems: string[]): ListenOptions {
  const rawPort = single(given, 'port');
  let port = DEFAULT_PORT;
  if (rawPort !== undefined) {
    port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
    if (!(port >= 0 && port <= 65535)) {
      problems.push(`--port must be a whole number from 0 to 65535, not ${quote(rawPort)}`);
    }
  }
  const host = single(given, 'host') ?? DEFAULT_HOST;
  if (!isHost(host)) {
    problems.push(
      `--host ${quote(host)} is not a host name or IP address: e.g. --host 127.0.0.1 or --host 0.0.0.0`,
    );
  }
  return { port, host };
}

function storageOptions(given: Given, problems: string[]): StorageOptions {
  const databaseUrl = single(given, 'database-url');
  const dataDir = single(given, 'data-dir');
  // The URL is never echoed: it usually carries a password.
  if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
    problems.push(
      '--database-url must be a postgres:// URL, like postgres://user:password@localhost:5432/palisade',
    );
  }
  if (databaseUrl !== undefined && dataDir !== undefined) {
    problems.push('--data-dir is for the embedded Postgres: drop it, or drop --database-url');
  }
  return {
    ...optional('databaseUrl', databaseUrl),
    ...optional('dataDir', dataDir),
  };
}

function accountIdProblem(id: string): string[] {
  if (/^\d{12}$/.test(id)) return [];
  const digits = id.replace(/[-\s]/g, '');
  if (/^\d{12}$/.test(digits)) {
    return [`--accounts: write ${quote(id)} without dashes: ${digits}`];
  }
  return [`--accounts: ${quote(id)} is not an AWS account id (12 digits, like 111122223333)`];
}

// IAM: role names are 1-64 characters of [\w+=,.@-]; a path is not part of the name.
function roleNameProblem(name: string): string[] {
  if (/^[\w+=,.@-]{1,64}$/.test(name)) return [];
  if (name.startsWith('arn:')) {
    const last = name.slice(name.lastIndexOf('/') + 1);
    return [`--role-name takes the role's name, not its ARN: --role-name ${last}`];
  }
  return [
    `--role-name ${quote(name)} is not an IAM role name: 1 to 64 letters, digits and _+=,.@- (no path)`,
  ];
}

const ROLE_ARN = new RegExp(
  `^arn:(?:${PARTITIONS.join('|')}):iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`,
);

function isRoleArn(arn: string): boolean {
  return ROLE_ARN.test(arn);
}

function regionProblems(regions: readonly string[]): string[] {
  const problems = regions
    .filter((region) => !isKnownRegion(region))
    .map((region) => {
      const guess = closestRegion(region);
      return guess === undefined
        ? `unknown region ${quote(region)}: give AWS region codes such as us-east-1 or eu-west-1`
        : `unknown region ${quote(region)}; did you mean ${guess}?`;
    });
  const partitions = new Map<string, string>();
  for (const region of regions.filter(isKnownRegion)) {
    const partition = partitionOfRegion(region);
    if (!partitions.has(partition)) partitions.set(partition, region);
  }
  if (partitions.size > 1) {
    const examples = [...partitions].map(([partition, region]) => `${region} is ${partition}`);
    problems.push(
      `--regions mixes AWS partitions (${examples.join(', ')}): one scan reaches one partition`,
    );
  }
  return problems;
}

function frameworkProblems(frameworks: readonly string[]): string[] {
  const known = FRAMEWORKS.map((f) => f.id);
  return frameworks
    .filter((id) => !known.includes(id))
    .map((id) => {
      const guess = suggest(id, known);
      return guess === undefined
        ? `unknown framework ${quote(id)}: the frameworks are ${orList(known)}`
        : `unknown framework ${quote(id)}; did you mean ${guess}?`;
    });
}

function checkProblems(checks: readonly string[]): string[] {
  const known = ALL_CHECKS.map((c) => c.metadata.id);
  return checks
    .filter((id) => !known.includes(id))
    .map((id) => {
      const guess = suggest(id, known);
      return guess === undefined
        ? `unknown check ${quote(id)}: the check ids are listed in docs/checks.md`
        : `unknown check ${quote(id)}; did you mean ${guess}?`;
    });
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.host !== '';
  } catch {
    return false;
  }
}

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function isHost(host: string): boolean {
  return isIP(host) !== 0 || HOST_NAME.test(host);
}
