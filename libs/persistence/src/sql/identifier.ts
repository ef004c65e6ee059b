import { escapeIdentifier } from 'pg';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

// Plain lower-case identifiers only: anything else in DDL built from strings is a mistake.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Quotes a plain identifier (`tenants`) or a schema-qualified one (`public.tenants`). */
export function quoteIdentifier(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_IDENTIFIER,
      `not a plain SQL identifier: ${JSON.stringify(name)}`,
    );
  }
  return parts.map((part) => escapeIdentifier(part)).join('.');
}
