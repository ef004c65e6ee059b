/** Codes of the errors openEmbeddedDatabase throws; each message is one line a person can act on. */
export const EmbeddedDatabaseErrorCode = {
  /** As root: the postgres OS user cannot reach the data dir, or it is not safe to hand over. */
  DATA_DIR_UNUSABLE: 'DATA_DIR_UNUSABLE',
  /** A live Postgres (another palisade run) already serves the data dir. */
  DATA_DIR_IN_USE: 'DATA_DIR_IN_USE',
  /** The data dir's path is too long for the server's unix socket. */
  SOCKET_PATH_TOO_LONG: 'SOCKET_PATH_TOO_LONG',
  /** The postgres OS user could not be created (root, no such user). */
  SERVER_USER_FAILED: 'SERVER_USER_FAILED',
  INITDB_FAILED: 'INITDB_FAILED',
  START_FAILED: 'START_FAILED',
} as const;

export type EmbeddedDatabaseErrorCode =
  (typeof EmbeddedDatabaseErrorCode)[keyof typeof EmbeddedDatabaseErrorCode];

export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';

  constructor(
    readonly code: EmbeddedDatabaseErrorCode,
    message: string,
  ) {
    super(message);
  }
}
