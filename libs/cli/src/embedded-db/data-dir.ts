import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { type Env } from '@palisade/config';

/**
 * The default data dir as root. Postgres refuses to run as root, so the server runs as the
 * `postgres` OS user, which must be able to enter every parent: /root is closed to it, /var/tmp
 * is not (and, unlike /tmp, survives a reboot, so the scan history does too).
 */
export const ROOT_DATA_DIR = '/var/tmp/palisade-root/postgres';

export interface DataDirDefaults {
  /** process.getuid(); undefined where there is none (Windows). */
  readonly uid: number | undefined;
  readonly home: string;
  /** XDG_DATA_HOME is read from it. */
  readonly env: Env;
}

/** `$XDG_DATA_HOME/palisade/postgres` (else `~/.local/share/…`) for a user; ROOT_DATA_DIR for root. */
export function defaultDataDir({ uid, home, env }: DataDirDefaults): string {
  if (uid === 0) return ROOT_DATA_DIR;
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'palisade', 'postgres');
}

/** The directories above `path` (absolute, normalised), outermost first: `/`, `/var`, `/var/tmp`. */
export function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    parents.unshift(dir);
    if (dirname(dir) === dir) return parents;
  }
}

/** What stat says about a directory. */
export interface DirFacts {
  readonly path: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** The OS user the server runs as when palisade runs as root. */
export interface ServerUser {
  readonly uid: number;
  readonly gid: number;
  /** Every group it is in, the primary one included. */
  readonly groups: readonly number[];
}

/** Parses `id postgres`: `uid=101(postgres) gid=104(postgres) groups=104(postgres),103(ssl-cert)`. */
export function parseIdOutput(output: string): ServerUser | undefined {
  const uid = /\buid=(\d+)/.exec(output)?.[1];
  const gid = /\bgid=(\d+)/.exec(output)?.[1];
  if (uid === undefined || gid === undefined) return undefined;
  const groups = [...(/\bgroups=(\S+)/.exec(output)?.[1] ?? '').matchAll(/(\d+)(?:\([^)]*\))?/g)]
    .map((match) => Number(match[1]))
    .filter((group) => Number.isInteger(group));
  return { uid: Number(uid), gid: Number(gid), groups: [...new Set([Number(gid), ...groups])] };
}

/**
 * Whether `user` may enter (search) `dir`, by the POSIX class that applies to it. An undefined
 * user is one palisade has yet to create: only the bits for others apply to it.
 */
export function canEnter(dir: DirFacts, user: ServerUser | undefined): boolean {
  if (user && dir.uid === user.uid) return (dir.mode & 0o100) !== 0;
  if (user?.groups.includes(dir.gid)) return (dir.mode & 0o010) !== 0;
  return (dir.mode & 0o001) !== 0;
}

function describeDir(dir: DirFacts): string {
  return `mode ${(dir.mode & 0o7777).toString(8).padStart(4, '0')}, owner uid ${dir.uid}`;
}

/**
 * As root: why `dataDir` cannot be handed to the postgres user, or undefined when it can.
 * `parents` are the existing directories above it, outermost first (palisade creates the
 * missing ones, mode 0755). Every parent must let the postgres user in (initdb fails with
 * "Permission denied" otherwise), and the direct parent must be changeable by root (or
 * postgres) only, or be sticky like /tmp: else another user could swap the directory root is
 * about to chown to postgres for one of theirs.
 */
export function rootDataDirProblem(
  dataDir: string,
  parents: readonly DirFacts[],
  user: ServerUser | undefined,
): string | undefined {
  const closed = parents.find((dir) => !canEnter(dir, user));
  if (closed) {
    return (
      `the postgres user cannot enter ${closed.path} (${describeDir(closed)}), which holds the data dir ${dataDir}: ` +
      `Postgres refuses to run as root, so palisade runs it as postgres; ` +
      `use a data dir whose every parent it can enter, such as ${ROOT_DATA_DIR}`
    );
  }
  const parent = parents.at(-1);
  if (parent?.path === dirname(resolve(dataDir))) {
    const sticky = (parent.mode & 0o1000) !== 0;
    const ownedByServer = parent.uid === 0 || parent.uid === user?.uid;
    if (!sticky && !(ownedByServer && (parent.mode & 0o022) === 0)) {
      return (
        `palisade will not hand ${dataDir} to the postgres user: its parent ${parent.path} (${describeDir(parent)}) ` +
        `can be changed by another user, who could swap ${basename(dataDir)} for a directory of theirs; ` +
        `use a data dir whose parent only root can change`
      );
    }
  }
  return undefined;
}

/** The data dir as root, once it exists: hand it over, keep it, or refuse it (why). */
export type RootDataDirAction =
  | { readonly kind: 'hand-over' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * A fresh (empty, root-owned) dir is handed to postgres; one postgres already owns is kept;
 * anything else belongs to someone palisade should not take it from. An undefined user is one
 * still to be created: only a fresh dir will do.
 */
export function rootDataDirAction(
  dataDir: string,
  dir: DirFacts & { readonly empty: boolean },
  user: ServerUser | undefined,
): RootDataDirAction {
  if (user && dir.uid === user.uid) return { kind: 'ready' };
  if (dir.uid === 0 && dir.empty) return { kind: 'hand-over' };
  const whose = dir.uid === 0 ? 'root, and not empty' : `uid ${dir.uid}`;
  return {
    kind: 'refuse',
    reason:
      `the data dir ${dataDir} is owned by ${whose}, but the server runs as the postgres user; ` +
      `use a new directory, or one the postgres user owns`,
  };
}

/** sizeof(sockaddr_un.sun_path) - 1: 107 on Linux, 103 on macOS and the BSDs. */
function socketPathLimit(platform: NodeJS.Platform): number {
  return platform === 'linux' ? 107 : 103;
}

/**
 * The server's unix socket lives in the data dir (only its owner can enter it); Postgres
 * refuses to start when the socket's path does not fit in a sockaddr_un. Checked for the
 * longest port number, before the port is picked.
 */
export function socketPathProblem(dataDir: string, platform: NodeJS.Platform): string | undefined {
  const socket = join(dataDir, '.s.PGSQL.65535');
  const limit = socketPathLimit(platform);
  const length = Buffer.byteLength(socket);
  if (length <= limit) return undefined;
  return (
    `the data dir path ${dataDir} is too long for the Postgres socket inside it ` +
    `(${length} bytes with the socket's name; at most ${limit}): use a shorter data dir`
  );
}
