// The CLI's entry point is where a person's environment comes in: it passes it on whole
// (AWS_PROFILE, AWS_ENDPOINT_URL, tuning …) to the embedded services' config.
/* eslint-disable no-restricted-syntax */
import { runCli } from '@palisade/cli';
import { PALISADE_VERSION } from '@palisade/findings';

// The AWS SDK warns on every run that its releases after January 2027 need Node 22; the README
// says which Node versions Palisade is tested on, and the warning would bury the CLI's own lines.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const interruptHandlers = new Set<() => void>();
const onSignal = (): void => {
  // A second Ctrl-C while the first is handled: leave at once, as a person expects.
  if (interruptHandlers.size === 0) process.exit(130);
  for (const handler of [...interruptHandlers]) handler();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

void runCli(process.argv.slice(2), PALISADE_VERSION, {
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
  process.exitCode = code;
});
