import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface SchemathesisOptions {
  /** The OpenAPI document (a file path or a URL). */
  readonly schema: string;
  readonly baseUrl: string;
  /** Sent on operations whose security is `tenantKey`. */
  readonly tenantKey: string;
  /** Sent on operations whose security is `operatorKey`. */
  readonly operatorKey: string;
  /** Where the config, the JUnit report and the output go. */
  readonly dir: string;
  readonly seed: number;
  /** Test cases per operation and phase. */
  readonly maxExamples: number;
  /** Steps of each stateful sequence (default 10). */
  readonly maxStatefulSteps?: number;
  readonly extraArgs?: readonly string[];
  readonly timeoutMs?: number;
}

/** One operation's test case of the JUnit report, with its failures (empty when it passed). */
export interface SchemathesisCase {
  readonly name: string;
  readonly failures: readonly string[];
}

export interface SchemathesisResult {
  readonly exitCode: number | null;
  /** stdout and stderr of the run, as printed. */
  readonly output: string;
  readonly cases: readonly SchemathesisCase[];
  /** The command line (the keys are in the config file it names). */
  readonly command: string;
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};
const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);

/** The test cases of a JUnit XML report, each with the text of its failures and errors. */
export function junitCases(xml: string): SchemathesisCase[] {
  const cases: SchemathesisCase[] = [];
  for (const [, attributes = '', body = ''] of xml.matchAll(
    /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g,
  )) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '?');
    const failures = [...body.matchAll(/<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g)].map(
      ([, kind, attrs = '', text = '']) => {
        const message = unescapeXml(/\bmessage="([^"]*)"/.exec(attrs)?.[1] ?? '');
        return `${kind}: ${[message, unescapeXml(text).trim()].filter(Boolean).join('\n')}`;
      },
    );
    cases.push({ name, failures });
  }
  return cases;
}

/**
 * Runs `schemathesis run` (scripts/tools/schemathesis.sh: the pinned version in its venv) as a
 * child process, without blocking this one (the api under test may be in this process), with
 * per-scheme auth from a config file (each operation gets the key its `security` names) and a
 * JUnit report, and returns what it found.
 */
export async function runSchemathesis(options: SchemathesisOptions): Promise<SchemathesisResult> {
  mkdirSync(options.dir, { recursive: true });
  const config = join(options.dir, 'schemathesis.toml');
  const junit = join(options.dir, 'junit.xml');
  // The keys stay in this file (mode 0600, in the caller's private directory), never on the
  // command line where `ps` would show them.
  writeFileSync(
    config,
    [
      '[auth.openapi.tenantKey]',
      `bearer = "${options.tenantKey}"`,
      '[auth.openapi.operatorKey]',
      `bearer = "${options.operatorKey}"`,
      // Valid input may still be refused with the 400 / 422 every such operation documents, for
      // rules a JSON Schema cannot state (an opaque cursor this API did not issue, fields that
      // exclude each other, a date that must be in the future, a host that must resolve), and
      // with the documented 413 / 431 when it is larger than the server takes (a schema allows
      // more items and longer strings than fit in a 100 KB body or 16 KB of headers). Those two
      // refuse invalid input too. Anything else (405, 406, 415 …) still fails the checks.
      '[checks.positive_data_acceptance]',
      'expected-statuses = ["2xx", "3xx", 400, 401, 403, 404, 409, 413, 422, 429, 431, "5xx"]',
      '[checks.negative_data_rejection]',
      'expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429, 431, "5xx"]',
      // One undeclared method per path is enough to see a 405 (every method per path is ~6x the
      // requests), and short stateful sequences keep the run bounded.
      '[phases.coverage]',
      'unexpected-methods = ["TRACE"]',
      '[phases.stateful]',
      `max-steps = ${options.maxStatefulSteps ?? 10}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const args = [
    '--config-file',
    config,
    'run',
    options.schema,
    '--url',
    options.baseUrl,
    '--checks',
    'all',
    '--seed',
    String(options.seed),
    '--max-examples',
    String(options.maxExamples),
    '--workers',
    '1',
    // Above the longest a route may take by design (test-connection waits up to 20 s for AWS).
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
    '--no-color',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn('bash', [join(ROOT, 'scripts/tools/schemathesis.sh'), ...args], {
    cwd: options.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`schemathesis did not finish in time:\n${output.slice(-6000)}`));
    }, options.timeoutMs ?? 360_000);
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
  writeFileSync(join(options.dir, 'output.txt'), output);
  let xml = '';
  try {
    xml = readFileSync(junit, 'utf8');
  } catch {
    xml = '';
  }
  return {
    exitCode,
    output,
    cases: junitCases(xml),
    command: `schemathesis ${args.join(' ')}`,
  };
}
