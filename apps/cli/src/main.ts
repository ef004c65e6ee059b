import { version } from '../../../package.json';
import { runCli } from './run-cli';

process.exitCode = runCli(process.argv.slice(2), version, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
