// IAM policy documents as checks read them: statements normalised to arrays, wildcard action
// matching, and who a statement's principal admits. Pure; shared by every policy-reading check.

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

/** `"*"` or `{"AWS": "*"}` (or an `AWS` list containing `*`): anyone. */
export function principalIsEveryone(principal: PolicyStatement['principal']): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  return (principal.AWS ?? []).includes('*');
}

/** Condition keys that tie a statement to known accounts, organizations, networks or sources. */
const RESTRICTING_CONDITION_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:resourceorgid',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:userid',
  'aws:username',
  'kms:calleraccount',
  'kms:viaservice',
  'sns:endpoint',
  'lambda:functionurlauthtype',
];

/** Whether a statement's condition restricts who can use it (so `Principal: *` is not public). */
export function conditionRestricts(condition: PolicyStatement['condition']): boolean {
  for (const [operator, entries] of Object.entries(condition)) {
    const op = operator.toLowerCase();
    if (op.startsWith('forallvalues:')) continue;
    for (const [key, values] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (!RESTRICTING_CONDITION_KEYS.includes(k)) continue;
      if (values.some((v) => v === '*' || v === '')) continue;
      if (k === 'aws:sourceip' && values.some((v) => v === '0.0.0.0/0' || v === '::/0')) continue;
      if (op.includes('notequals') || op.includes('notlike') || op === 'null') continue;
      return true;
    }
  }
  return false;
}

/** Allow statements that grant anyone access with no restricting condition. */
export function publicAllowStatements(policy: PolicyDocument): PolicyStatement[] {
  return policy.statements.filter(
    (s) =>
      s.effect === 'Allow' && principalIsEveryone(s.principal) && !conditionRestricts(s.condition),
  );
}
