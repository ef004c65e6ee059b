import { runScanCommand, runServeCommand } from './commands/scan-command';
import { type CliIo } from './commands/cli-io';
import { EXIT_CODES, formatCliError, formatUsageError, parseCliArgs } from './presentation';

/**
 * The `palisade` command: parses `argv`, runs the command and returns the exit code — 0 done,
 * 1 `--fail-on` met, 2 a usage mistake (one line each on stderr), 3 a runtime failure (one
 * line saying what to do).
 */
export async function runCli(argv: readonly string[], version: string, io: CliIo): Promise<number> {
  const command = parseCliArgs(argv);
  switch (command.kind) {
    case 'help':
      io.out(command.text);
      return EXIT_CODES.ok;
    case 'version':
      io.out(`${version}\n`);
      return EXIT_CODES.ok;
    case 'usage-error':
      io.err(formatUsageError(command));
      return EXIT_CODES.usage;
    case 'scan':
    case 'serve':
      try {
        return command.kind === 'scan'
          ? await runScanCommand(command, io)
          : await runServeCommand(command, io);
      } catch (error) {
        io.err(
          formatCliError(error, {
            ...(command.kind === 'scan'
              ? { withExternalId: command.externalId !== undefined }
              : {}),
          }),
        );
        return EXIT_CODES.runtime;
      }
  }
}
