/** The superuser initdb creates; reachable only over the private unix socket (see postgresFlags). */
export const SUPERUSER = 'postgres';
/** The database the services use, owned by OWNER_ROLE. */
export const DATABASE = 'palisade';
/**
 * Runs the migrations and owns the tables and the database: the production owner (the
 * migration Job's role), with CREATEROLE so the first migration can create the app roles.
 */
export const OWNER_ROLE = 'palisade_owner';

/** C.UTF-8 where the C library has it (byte-order collation, UTF-8 character classes), else C. */
export function pickLocale(available: readonly string[]): string {
  const names = new Set(available.map((name) => name.trim().toLowerCase()));
  return names.has('c.utf8') || names.has('c.utf-8') ? 'C.UTF-8' : 'C';
}

/**
 * Local (unix socket) connections are trusted: the socket lives in the data dir, which only
 * the server's OS user (and root) may enter. TCP needs a SCRAM password, which only APP_ROLE
 * has (the superuser's is removed after the first start, the owner never gets one).
 * --no-sync halves the first start (initdb's fsync of ~1,000 files); the server itself runs
 * with fsync on, and the OS writes the new cluster out within its writeback interval.
 */
export function initdbFlags(locale: string): string[] {
  return [
    '--encoding=UTF8',
    `--locale=${locale}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
  ];
}

/** TCP on loopback only; the unix socket in the data dir, usable by its owner alone. */
export function postgresFlags(dataDir: string): string[] {
  return [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${quoteListElement(dataDir)}`,
    '-c',
    'unix_socket_permissions=0700',
  ];
}

/** unix_socket_directories is a comma-separated list: quote the path, doubling any `"`. */
function quoteListElement(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** ownerUrl: OWNER_ROLE over the private socket (libpq and node-postgres read `host=` as its directory). */
export function socketUrl(role: string, dataDir: string, port: number): string {
  return `postgres://${role}@localhost:${port}/${DATABASE}?host=${encodeURIComponent(dataDir)}`;
}

/** serviceUrl: over loopback TCP with the role's password. */
export function tcpUrl(role: string, password: string, port: number): string {
  return `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}
