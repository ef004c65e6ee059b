import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where scripts/deps/common.sh keeps what it downloads or builds, by version, for every checkout
 * on the machine (TOOLS_DIR): the Kafka jars, the Python tools' virtualenvs, the Go tools.
 */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env['PALISADE_TOOLS_DIR'] ??
    join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'palisade')
  );
}
