import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

export interface ServiceProcess {
  /** The URL from the service's `started` log line. */
  readonly url: string;
  readonly pid: number;
  /** Every stdout line, parsed when it is JSON (a non-JSON line is kept as `{ raw }`). */
  readonly lines: readonly Record<string, unknown>[];
  readonly stderr: () => string;
  /** Sends the signal and resolves with the exit code (or the signal that killed it). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

export interface ServiceProcessOptions {
  /** The TypeScript entry point, relative to the repository root (e.g. `apps/api/src/main.ts`). */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** How long to wait for the `started` line. */
  readonly startTimeoutMs?: number;
}

export interface CommandProcessOptions {
  /** The program to run (e.g. the image's entrypoint script of a built bundle) and its arguments. */
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment besides PATH: nothing else is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** Run as this user and group, as a container's numeric USER would (needs root). */
  readonly user?: { readonly uid: number; readonly gid: number };
  /** How long to wait for the `started` line. */
  readonly startTimeoutMs?: number;
}

function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done(child.exitCode);
    child.once('exit', (code, signal) => done(code ?? signal ?? -1));
  });
}

/**
 * Runs a service's entry point as its own OS process (TypeScript through @swc-node/register),
 * as a deployment would, and waits for its `started` line. Fails with the process's output
 * when it exits or does not start in time.
 */
export function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  return startCommandProcess({
    command: process.execPath,
    args: ['-r', '@swc-node/register', options.entry],
    cwd: root,
    env: { HOST: '127.0.0.1', PORT: '0', ...options.env },
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
  });
}

/**
 * Runs any command that starts a Palisade service (its JSON log on stdout) and waits for its
 * `started` line, like {@link startServiceProcess}. Fails with the process's output when it
 * exits or does not start in time.
 */
export async function startCommandProcess(options: CommandProcessOptions): Promise<ServiceProcess> {
  const label = [options.command, ...options.args].join(' ');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.user ?? {}),
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  const exited = exitOf(child);
  const started = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} did not start in time:\n${stderr}`)),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const text of complete.filter((line) => line.trim() !== '')) {
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          line = { raw: text };
        }
        lines.push(line);
        if (line['msg'] === 'started' && typeof line['url'] === 'string') {
          clearTimeout(timer);
          resolveUrl(line['url']);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${label} exited (${String(code)}) before starting:\n${JSON.stringify(lines)}\n${stderr}`,
        ),
      );
    });
  });
  const url = await started;
  return {
    url,
    pid: child.pid ?? -1,
    lines,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}
