// IAM policy documents as checks read them: statements normalised to arrays, wildcard action
// matching, and who a statement's principal admits. Pure; shared by every policy-reading check.
import { type Outcome, failed, ok } from './outcome';

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: '*' | Record<string, string[]>;
  notPrincipal?: '*' | Record<string, string[]>;
  action: string[];
  notAction: string[];
  resource: string[];
  notResource: string[];
  condition: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

/** A policy value as a list of strings (policies allow a single value or a list). */
function arrayOf(v: unknown): string[] {
  const list: unknown[] = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

function principalOf(v: unknown): PolicyStatement['principal'] {
  if (v === undefined) return undefined;
  if (v === '*') return '*';
  if (typeof v !== 'object' || v === null) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) out[k] = arrayOf(val);
  return out;
}

/**
 * Parses a policy document (JSON text, URL-encoded JSON as IAM returns it, or an object).
 * Throws on something that is not a policy: callers turn that into an ERROR result.
 */
export function parsePolicy(doc: string | object): PolicyDocument {
  let raw: unknown = doc;
  if (typeof doc === 'string') {
    const text = doc.trim().startsWith('%') || doc.includes('%7B') ? decodeURIComponent(doc) : doc;
    raw = JSON.parse(text);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error('a policy document is an object');
  const obj = raw as Record<string, unknown>;
  const stmts = obj.Statement;
  const list: unknown[] = Array.isArray(stmts) ? stmts : stmts === undefined ? [] : [stmts];
  const statements = list.map((s): PolicyStatement => {
    const st = s as Record<string, unknown>;
    const condition: PolicyStatement['condition'] = {};
    for (const [op, entries] of Object.entries((st.Condition ?? {}) as Record<string, unknown>)) {
      condition[op] = {};
      for (const [key, val] of Object.entries((entries ?? {}) as Record<string, unknown>)) {
        condition[op][key] = arrayOf(val);
      }
    }
    const statement: PolicyStatement = {
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      action: arrayOf(st.Action),
      notAction: arrayOf(st.NotAction),
      resource: arrayOf(st.Resource),
      notResource: arrayOf(st.NotResource),
      condition,
    };
    if (typeof st.Sid === 'string') statement.sid = st.Sid;
    const principal = principalOf(st.Principal);
    if (principal !== undefined) statement.principal = principal;
    const notPrincipal = principalOf(st.NotPrincipal);
    if (notPrincipal !== undefined) statement.notPrincipal = notPrincipal;
    return statement;
  });
  const result: PolicyDocument = { statements };
  if (typeof obj.Version === 'string') result.version = obj.Version;
  return result;
}

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive as IAM actions are. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return re.test(value);
}

/** Whether an action list (with wildcards) covers the given action. */
export function actionsCover(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => wildcardMatch(p, action));
}

/**
 * `"*"` or `{"AWS": "*"}` (or an `AWS` list containing `*`): anyone. An AWS principal ARN whose
 * account is a wildcard (`arn:aws:iam::*:root`, as some services and emulators write `*`) also
 * admits every account.
 */
export function principalIsEveryone(principal: PolicyStatement['principal']): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  return (principal.AWS ?? []).some((p) => p === '*' || /^arn:[^:]*:iam::\*:/.test(p));
}

/** Condition keys whose values name one account (a wildcard in the value leaves it open). */
const ACCOUNT_KEYS = [
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:principalaccount',
  'kms:calleraccount',
];
/** Keys whose values name one organization, network or principal id (no wildcard allowed). */
const LITERAL_KEYS = [
  'aws:principalorgid',
  'aws:resourceorgid',
  'aws:sourceorgid',
  'aws:sourcevpc',
  'aws:sourcevpce',
];
/** Keys whose values are organization paths (`o-xxxx/r-xxxx/...`): the org id must be literal. */
const ORG_PATH_KEYS = ['aws:principalorgpaths', 'aws:sourceorgpaths'];
/** Keys whose values are ARNs: the ARN's account (or, for S3's account-less ARNs, all of it). */
const ARN_KEYS = ['aws:sourcearn', 'aws:principalarn', 'aws:sourcevpcarn'];

const hasWildcard = (v: string) => v.includes('*') || v.includes('?');

/**
 * Whether one condition value ties the statement to known callers. Keys that do not name an
 * account, organization, network or source (`aws:username`, `kms:viaservice`,
 * `lambda:functionurlauthtype`: any account can match them) never restrict.
 */
function valueRestricts(key: string, value: string): boolean {
  if (value === '' || /^[*?]+$/.test(value)) return false;
  if (ACCOUNT_KEYS.includes(key) || LITERAL_KEYS.includes(key)) return !hasWildcard(value);
  if (ORG_PATH_KEYS.includes(key)) return !hasWildcard(value.split('/')[0] ?? '');
  if (ARN_KEYS.includes(key)) {
    const parts = value.split(':');
    if (parts.length < 6) return false;
    const account = parts[4] ?? '';
    return account === '' ? !hasWildcard(value) : !hasWildcard(account);
  }
  if (key === 'aws:sourceip') return !/\/0$/.test(value.trim());
  if (key === 'aws:userid') return !hasWildcard(value.split(':')[0] ?? '');
  if (key === 'sns:endpoint') return true;
  return false;
}

/**
 * Whether a statement's condition restricts who can use it (so `Principal: *` is not public):
 * some key naming known accounts, organizations, networks or sources, compared with a positive
 * operator (`StringEquals`, `ArnLike`, `IpAddress`, ...) against values that all restrict.
 * Negated operators (`StringNotEquals`, `NotIpAddress`, ...), `Null`, `ForAllValues:` (true when
 * the key is absent) and `...IfExists` (true when the key is absent) never restrict.
 */
export function conditionRestricts(condition: PolicyStatement['condition']): boolean {
  for (const [operator, entries] of Object.entries(condition)) {
    const op = operator.toLowerCase();
    if (op.startsWith('forallvalues:') || op.endsWith('ifexists')) continue;
    const base = op.replace(/^foranyvalue:/, '');
    if (base.includes('not') || base === 'null') continue;
    for (const [key, values] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (values.length > 0 && values.every((v) => valueRestricts(k, v))) return true;
    }
  }
  return false;
}

/**
 * Allow statements that grant anyone access with no restricting condition: `Principal` `*` (or
 * AWS `*`), or a `NotPrincipal` (an Allow with NotPrincipal admits everyone not listed).
 */
export function publicAllowStatements(policy: PolicyDocument): PolicyStatement[] {
  return policy.statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      (principalIsEveryone(s.principal) || s.notPrincipal !== undefined) &&
      !conditionRestricts(s.condition),
  );
}

/** A policy document, or `INVALID_POLICY` when the text is not one (an ERROR, never a PASS). */
export function readPolicy(doc: string | object): Outcome<PolicyDocument> {
  try {
    return ok(parsePolicy(doc));
  } catch (err) {
    return failed('INVALID_POLICY', err instanceof Error ? err.message : String(err));
  }
}

/** Statements as small evidence: sid, effect, principal and what they cover. */
export function statementEvidence(
  statements: readonly PolicyStatement[],
): Record<string, unknown>[] {
  return statements.map((s) => ({
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    principal: s.principal ?? null,
    ...(s.notPrincipal !== undefined ? { notPrincipal: s.notPrincipal } : {}),
    ...(s.action.length > 0 ? { action: s.action } : {}),
    ...(s.notAction.length > 0 ? { notAction: s.notAction } : {}),
    ...(s.resource.length > 0 ? { resource: s.resource } : {}),
    ...(Object.keys(s.condition).length > 0 ? { condition: s.condition } : {}),
  }));
}

/** What statements grant, for messages: their actions, and "every action except …" for NotAction. */
export function grantedActions(statements: readonly PolicyStatement[]): string[] {
  return [
    ...new Set(
      statements.flatMap((s) =>
        s.notAction.length > 0 ? [`every action except ${s.notAction.join(', ')}`] : s.action,
      ),
    ),
  ];
}
