import { z } from 'zod';

/** Why a caller's ExternalId is refused, wherever it appears in a body. */
export const EXTERNAL_ID_REFUSED =
  'Palisade generates the ExternalId (one per tenant, returned as `onboarding.externalId`) and ' +
  'never accepts one from a caller: a chosen ExternalId could name another tenant’s role (the ' +
  'confused-deputy problem the ExternalId exists to stop)';

export const NUL_REFUSED = 'text may not contain the NUL character (U+0000)';

/** `externalId`, `ExternalId`, `external_id`, `external-id`: every spelling of the key. */
function isExternalIdKey(key: string): boolean {
  return key.replace(/[^a-z]/gi, '').toLowerCase() === 'externalid';
}

/** The path of every ExternalId-like key in a JSON value, depth first, in document order. */
export function externalIdPaths(value: unknown, path: readonly (string | number)[] = []) {
  const found: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => found.push(...externalIdPaths(item, [...path, index])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (isExternalIdKey(key)) found.push([...path, key]);
      else found.push(...externalIdPaths(child, [...path, key]));
    }
  }
  return found;
}

/** The path of every string value holding a NUL character (Postgres text cannot store it). */
export function nulCharacterPaths(value: unknown, path: readonly (string | number)[] = []) {
  const found: (string | number)[][] = [];
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push([...path]);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => found.push(...nulCharacterPaths(item, [...path, index])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      found.push(...nulCharacterPaths(child, [...path, key]));
    }
  }
  return found;
}

/**
 * The body schema, refusing an ExternalId anywhere before anything else is checked: the 422
 * names each such field (`body.config.accounts.0.externalId`) with {@link EXTERNAL_ID_REFUSED}
 * instead of a bare "unrecognized key". Strings holding a NUL character are refused too (the
 * config is stored as jsonb, which cannot hold one). OpenAPI still documents `schema` itself.
 */
export function guardedSourceBody<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    for (const path of externalIdPaths(value)) {
      ctx.addIssue({ code: 'custom', path, message: EXTERNAL_ID_REFUSED, input: value });
    }
    for (const path of nulCharacterPaths(value)) {
      ctx.addIssue({ code: 'custom', path, message: NUL_REFUSED, input: value });
    }
    return value;
  }, schema);
}
