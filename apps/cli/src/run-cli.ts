export interface CliOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const USAGE = `Usage: palisade [options]

Palisade: CIS AWS Foundations Benchmark checks and Amazon Inspector findings for every
AWS account you are responsible for, normalised to OCSF.

Options:
  -h, --help     print this help and exit
  -v, --version  print the version and exit
`;

const HINT = "run 'palisade --help' for usage";

type Request =
  { readonly kind: 'help' | 'version' } | { readonly kind: 'error'; readonly message: string };

/** --help wins over --version; any other argument is an error. */
export function parseCliArgs(argv: readonly string[]): Request {
  let request: Request | undefined;
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      request = { kind: 'help' };
    } else if (arg === '-v' || arg === '--version') {
      request = request ?? { kind: 'version' };
    } else if (arg.startsWith('-')) {
      return { kind: 'error', message: `unknown option '${arg}'` };
    } else {
      return { kind: 'error', message: `unknown command '${arg}'` };
    }
  }
  return request ?? { kind: 'error', message: 'missing an option' };
}

/** Runs the CLI and returns its exit code: 0 for help and version, 2 for a usage error. */
export function runCli(argv: readonly string[], version: string, output: CliOutput): number {
  const request = parseCliArgs(argv);
  switch (request.kind) {
    case 'help':
      output.out(USAGE);
      return 0;
    case 'version':
      output.out(`${version}\n`);
      return 0;
    case 'error':
      output.err(`palisade: ${request.message}; ${HINT}\n`);
      return 2;
  }
}
