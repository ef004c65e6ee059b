import pino from 'pino';

let stdout: pino.DestinationStream | undefined;

/**
 * The process's one synchronous stdout stream for logs: synchronous so the last line before
 * `process.exit` (a boot failure, the end of a shutdown) is never lost.
 */
export function stdoutDestination(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: true });
  return stdout;
}
