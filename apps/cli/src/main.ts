import { runCli } from '@palisade/cli';
import { version } from '../../../package.json';

const interruptHandlers = new Set<() => void>();
const onSignal = (): void => {
  // A second Ctrl-C while the first is handled: leave at once, as a person expects.
  if (interruptHandlers.size === 0) process.exit(130);
  for (const handler of [...interruptHandlers]) handler();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// The CLI's entry point is where a person's environment comes in: it passes it on whole
// (AWS_PROFILE, AWS_ENDPOINT_URL, tuning …) to the embedded services' config.
/* eslint-disable no-restricted-syntax */
void runCli(process.argv.slice(2), version, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  terminal: {
    isTTY: process.stderr.isTTY,
    ...(process.stderr.columns === undefined ? {} : { columns: process.stderr.columns }),
    color: process.stderr.isTTY && process.env['NO_COLOR'] === undefined,
  },
  onInterrupt: (handler) => {
    interruptHandlers.add(handler);
    return () => interruptHandlers.delete(handler);
  },
}).then((code) => {
  /* eslint-enable no-restricted-syntax */
  process.exitCode = code;
});
