import { type Env } from '@palisade/config';
import { openEmbeddedDatabase } from '../embedded-db';
import { type StorageOptions } from '../presentation';

export interface OpenStorage {
  /** As the service role: what the embedded services connect with. */
  readonly serviceUrl: string;
  /** The embedded cluster's data dir; undefined for `--database-url`. */
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
}

/**
 * `--database-url`: a Postgres the user runs, migrated by Palisade's `migrate` step and reached
 * as the service role (the services refuse a role that would bypass row-level security).
 * Otherwise the embedded Postgres, started (and on first use initialised) here.
 */
export async function openStorage(
  options: StorageOptions,
  env: Env,
  log: (line: string) => void,
): Promise<OpenStorage> {
  if (options.databaseUrl !== undefined) {
    log(`database: ${redactPassword(options.databaseUrl)}`);
    return { serviceUrl: options.databaseUrl, dataDir: undefined, stop: async () => {} };
  }
  const database = await openEmbeddedDatabase({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    log,
    env,
  });
  return {
    serviceUrl: database.serviceUrl,
    dataDir: database.dataDir,
    stop: () => database.stop(),
  };
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL: Postgres will say what is wrong)';
  }
}
