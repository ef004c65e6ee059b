import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

const ITERATIONS = 4096; // Postgres' own default (scram_iterations)
const PRINTABLE_ASCII = /^[\x20-\x7e]{16,256}$/;

/**
 * A SCRAM-SHA-256 verifier in Postgres' `pg_authid.rolpassword` format, computed here so that
 * `ALTER ROLE … PASSWORD` never carries the password itself (statement logs, pg_stat_activity).
 * Only printable ASCII passwords of 16–256 characters are accepted: for those SASLprep is the
 * identity, so the verifier equals the one Postgres would compute.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16)): string {
  if (!PRINTABLE_ASCII.test(password)) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ROLE_PASSWORD,
      'role password must be 16-256 printable ASCII characters',
    );
  }
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
