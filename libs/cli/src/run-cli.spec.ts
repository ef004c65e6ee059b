import { type CliIo } from './commands/cli-io';
import { USAGE } from './presentation';
import { runCli } from './run-cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    terminal: { isTTY: false, color: false },
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(argv, '1.2.3', io);
  return { code, out, err };
}

describe('runCli', () => {
  it('should print the usage or the version and exit 0', async () => {
    expect(await run('--help')).toEqual({ code: 0, out: USAGE, err: '' });
    expect(await run('--version')).toEqual({ code: 0, out: '1.2.3\n', err: '' });
  });

  it('should exit 2 with one line per mistake before anything starts', async () => {
    const result = await run(
      'scan',
      '--org',
      '--regions',
      'eu-wset-1',
      '--checks',
      'no_such_check',
    );
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const lines = result.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^palisade: unknown region 'eu-wset-1'; did you mean eu-west-1\?/);
    expect(lines[1]).toMatch(/^palisade: unknown check 'no_such_check'/);
  });
});
