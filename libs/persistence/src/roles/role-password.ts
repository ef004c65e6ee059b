import { escapeIdentifier } from 'pg';
import { type EntityManager } from 'typeorm';
import { scramSha256Verifier } from './scram-verifier';

/**
 * Enables login for a role and sets its password as a SCRAM verifier computed here: the password
 * itself never reaches the server (nor its statement log).
 */
export async function setRolePassword(
  manager: EntityManager,
  role: string,
  password: string,
): Promise<void> {
  const verifier = scramSha256Verifier(password);
  // The verifier is base64 and '$:' only; ALTER ROLE takes no bind parameters.
  await manager.query(`ALTER ROLE ${escapeIdentifier(role)} WITH LOGIN PASSWORD '${verifier}'`);
}
