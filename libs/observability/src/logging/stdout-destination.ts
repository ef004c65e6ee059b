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

/** Where an app's log lines go: `LOG_FILE` (created with its folder, appended to) or stdout. */
export function logDestination(config: {
  readonly log: { readonly file?: string };
}): pino.DestinationStream {
  return config.log.file === undefined
    ? stdoutDestination()
    : pino.destination({ dest: config.log.file, sync: true, mkdir: true, append: true });
}
