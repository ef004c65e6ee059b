/** Codes carried by every error this lib throws, so callers decide by code, not by message. */
export const PersistenceErrorCode = {
  INVALID_TENANT_ID: 'INVALID_TENANT_ID',
  INVALID_LOCK_NAME: 'INVALID_LOCK_NAME',
  INVALID_IDENTIFIER: 'INVALID_IDENTIFIER',
  INVALID_ROLE_PASSWORD: 'INVALID_ROLE_PASSWORD',
  UNSAFE_DATABASE_ROLE: 'UNSAFE_DATABASE_ROLE',
  NOT_IN_TRANSACTION: 'NOT_IN_TRANSACTION',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

export type PersistenceErrorCode = (typeof PersistenceErrorCode)[keyof typeof PersistenceErrorCode];

export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
