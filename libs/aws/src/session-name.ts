// RoleSessionName and SourceIdentity values as STS accepts them: 2–64 chars of [\w+=,.@-].

const ALLOWED = /[^\w+=,.@-]/g;
const MIN = 2;
const MAX = 64;

/** Replaces every character STS refuses with `-`, cuts to 64 and pads to the minimum of 2. */
export function sanitizeStsName(raw: string): string {
  let name = raw.replace(ALLOWED, '-').slice(0, MAX);
  while (name.length < MIN) name += '-';
  return name;
}

/** `palisade-<scanId>`, sanitised: what CloudTrail shows as the session of a scan. */
export function sessionNameFor(scanId: string): string {
  return sanitizeStsName(`palisade-${scanId}`);
}

/**
 * A SourceIdentity STS accepts: sanitised like a session name, and never starting with the
 * reserved `aws:` prefix (the colon is already replaced, but `aws-…` stays readable).
 */
export function sanitizeSourceIdentity(raw: string): string {
  return sanitizeStsName(raw);
}
