import { USAGE, runCli } from './run-cli';

function run(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, '1.2.3', {
    out: (text) => (out += text),
    err: (text) => (err += text),
  });
  return { code, out, err };
}

describe('palisade CLI', () => {
  it.each(['--help', '-h'])('should print the usage and exit 0 for %s', (flag) => {
    expect(run(flag)).toEqual({ code: 0, out: USAGE, err: '' });
  });

  it.each(['--version', '-v'])('should print the version and exit 0 for %s', (flag) => {
    expect(run(flag)).toEqual({ code: 0, out: '1.2.3\n', err: '' });
  });

  it('should prefer help when both help and version are asked for', () => {
    expect(run('--version', '--help').out).toBe(USAGE);
  });

  it('should list only the options this build has', () => {
    expect(USAGE).toContain('--help');
    expect(USAGE).toContain('--version');
    expect(USAGE).not.toMatch(/\bscan\b|\bserve\b/);
  });

  it.each([
    [['scan'], "palisade: unknown command 'scan'; run 'palisade --help' for usage\n"],
    [['--verbose'], "palisade: unknown option '--verbose'; run 'palisade --help' for usage\n"],
    [['--help', 'serve'], "palisade: unknown command 'serve'; run 'palisade --help' for usage\n"],
    [[], "palisade: missing an option; run 'palisade --help' for usage\n"],
  ])('should exit 2 with a one-line error for %j', (argv, message) => {
    expect(run(...argv)).toEqual({ code: 2, out: '', err: message });
  });
});
