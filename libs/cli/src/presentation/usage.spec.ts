import { parseCliArgs } from './cli-args';
import { COMMANDS, COMMAND_OPTIONS, COMMAND_USAGE, USAGE, optionSyntax } from './usage';

/** The command lines of a help text's examples, continuation lines joined. */
function examples(text: string): string[][] {
  const joined = text.replace(/ \\\n\s+/g, ' ');
  return joined
    .split('\n')
    .filter((line) => line.startsWith('  palisade '))
    .map((line) => line.trim().split(/\s+/).slice(1));
}

describe('USAGE', () => {
  it('should name both commands, help, version and the exit codes', () => {
    for (const word of ['scan', 'serve', '--help', '--version', 'Exit codes']) {
      expect(USAGE).toContain(word);
    }
  });

  it.each(COMMANDS)('should list every option of %s on one line of its help', (command) => {
    const lines = COMMAND_USAGE[command].split('\n');
    for (const option of COMMAND_OPTIONS[command]) {
      const line = lines.find((l) => l.trimStart().startsWith(optionSyntax(option)));
      expect(line).toContain(option.help);
    }
  });

  it.each([
    ['general', USAGE],
    ['scan', COMMAND_USAGE.scan],
    ['serve', COMMAND_USAGE.serve],
  ])('should fit the %s help in 80 columns', (_name, text) => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('should show an org scan, an account scan with a role, outputs and CI', () => {
    const scanExamples = examples(COMMAND_USAGE.scan).map((argv) => argv.join(' '));
    expect(scanExamples).toEqual([
      'scan --org',
      'scan --accounts 111122223333,444455556666 --role-name PalisadeScanRole --external-id 9f1c6d2e-palisade',
      'scan --org --regions us-east-1,eu-west-1 --output ./palisade-report',
      'scan --accounts 111122223333 --progress plain --fail-on high',
    ]);
  });

  it.each(COMMANDS)('should give %s examples the parser accepts', (command) => {
    const found = examples(COMMAND_USAGE[command]);
    expect(found.length).toBeGreaterThan(0);
    for (const argv of found) expect(parseCliArgs(argv)).toMatchObject({ kind: command });
  });

  it('should state the default member roles of both targets', () => {
    expect(COMMAND_USAGE.scan).toMatch(/OrganizationAccountAccessRole with --org/);
    expect(COMMAND_USAGE.scan).toMatch(/PalisadeScanRole with --accounts/);
  });
});
