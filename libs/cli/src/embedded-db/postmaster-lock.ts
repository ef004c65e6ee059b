import { readFile } from 'node:fs/promises';

/** What the first lines of `postmaster.pid` say: the server's pid, then its data dir, start time, port. */
export interface PostmasterLock {
  readonly pid: number;
  readonly port: number | undefined;
}

export function parsePostmasterLock(content: string): PostmasterLock | undefined {
  const [pid, , , port] = content.split('\n').map((line) => line.trim());
  if (!pid || !/^\d+$/.test(pid)) return undefined;
  return { pid: Number(pid), port: port && /^\d+$/.test(port) ? Number(port) : undefined };
}

/** The process a lock file names: a Postgres, some other program (its pid was reused), or none. */
export type LockHolder = 'postgres' | 'other' | 'gone';

/** What to do about a `postmaster.pid` found before starting the server. */
export type LockVerdict =
  /** Another server runs on the data dir: refuse (message). */
  | { readonly kind: 'in-use'; readonly message: string }
  /** Left by a server that is gone: say so; remove the file only when Postgres would not. */
  | { readonly kind: 'stale'; readonly note: string; readonly remove: boolean };

/**
 * Postgres itself ignores a lock whose pid is gone (after checking no old backend still holds
 * its shared memory) and recovers from its WAL. It refuses one whose pid is alive, which after
 * a reboot or in a fresh container may be an unrelated process: that file palisade removes.
 */
export function judgeLock(dataDir: string, lock: PostmasterLock, holder: LockHolder): LockVerdict {
  switch (holder) {
    case 'postgres':
      return {
        kind: 'in-use',
        message:
          `the data dir ${dataDir} is in use by a running Postgres (pid ${lock.pid}` +
          `${lock.port === undefined ? '' : `, port ${lock.port}`}), most likely another palisade run: ` +
          `stop that run first (if a killed palisade left it behind: kill -INT ${lock.pid}), or use another data dir`,
      };
    case 'other':
      return {
        kind: 'stale',
        note: `the previous run did not stop cleanly (pid ${lock.pid} of its postmaster.pid is now another program): removed the stale lock; Postgres recovers`,
        remove: true,
      };
    case 'gone':
      return {
        kind: 'stale',
        note: `the previous run did not stop cleanly (its server, pid ${lock.pid}, is gone): Postgres recovers`,
        remove: false,
      };
  }
}

/** Linux names a process in /proc; elsewhere a live pid is assumed to be the server. */
export async function lockHolder(pid: number, platform: NodeJS.Platform): Promise<LockHolder> {
  if (platform === 'linux') {
    try {
      const name = await readFile(`/proc/${pid}/comm`, 'utf8');
      return name.trim() === 'postgres' ? 'postgres' : 'other';
    } catch {
      return 'gone';
    }
  }
  return isAlive(pid) ? 'postgres' : 'gone';
}

/** Signal 0 probes without signalling; EPERM means alive but someone else's. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
