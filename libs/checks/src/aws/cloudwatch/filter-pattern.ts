// CloudWatch Logs filter patterns, parsed and evaluated against log events, so a check can ask
// "would this metric filter count this CloudTrail event?" instead of comparing pattern text.
// Supported: the empty pattern (every event), JSON patterns `{ ... }` (selectors `$.a.b[0]`,
// = != < > <= >=, quoted or bare values with `*` wildcards, `%regex%`, IS NULL, NOT EXISTS,
// IS TRUE / IS FALSE, && || and parentheses) and term patterns (words and "quoted phrases",
// `?term` alternatives, `-term` exclusions). Space-delimited `[...]` patterns are not supported:
// `parseFilterPattern` says so instead of guessing.

type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

type Value =
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'regex'; re: RegExp };

type JsonExpr =
  | { kind: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { kind: 'compare'; path: PathStep[]; op: Comparison; value: Value }
  | { kind: 'notExists'; path: PathStep[] }
  | { kind: 'isNull'; path: PathStep[] }
  | { kind: 'isBool'; path: PathStep[]; value: boolean };

type PathStep = string | number;

interface Term {
  text: string;
  mode: 'all' | 'any' | 'none';
}

/** A parsed filter pattern: matches log events (CloudTrail events are JSON objects). */
export type FilterPattern =
  { kind: 'all' } | { kind: 'json'; expr: JsonExpr } | { kind: 'terms'; terms: Term[] };

export type ParsedFilterPattern =
  { ok: true; pattern: FilterPattern } | { ok: false; reason: string };

class PatternError extends Error {}

/** Tokens of a JSON pattern body. */
type Token =
  | { t: 'selector'; path: PathStep[]; raw: string }
  | { t: 'op'; op: Comparison }
  | { t: 'and' | 'or' | 'open' | 'close' }
  | { t: 'quoted'; text: string }
  | { t: 'regex'; source: string }
  | { t: 'word'; text: string };

const BARE_WORD = /^[^\s()&|"=!<>]+/;

function parsePath(raw: string): PathStep[] {
  if (!raw.startsWith('$')) throw new PatternError(`selector ${raw} does not start with $`);
  const path: PathStep[] = [];
  const re = /\.([^.[\]\s]+)|\[(\d+)\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < raw.length) {
    const m = re.exec(raw);
    if (m === null) throw new PatternError(`selector ${raw} is not supported`);
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  if (path.length === 0) throw new PatternError(`selector ${raw} names no field`);
  return path;
}

function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws !== null) {
      i += ws[0].length;
      continue;
    }
    const two = rest.slice(0, 2);
    if (two === '&&' || two === '||') {
      tokens.push({ t: two === '&&' ? 'and' : 'or' });
      i += 2;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ t: 'op', op: two });
      i += 2;
    } else if (rest[0] === '=' || rest[0] === '<' || rest[0] === '>') {
      tokens.push({ t: 'op', op: rest[0] });
      i += 1;
    } else if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ t: rest[0] === '(' ? 'open' : 'close' });
      i += 1;
    } else if (rest[0] === '"') {
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
      if (m === null) throw new PatternError('unterminated quoted value');
      tokens.push({ t: 'quoted', text: (m[1] ?? '').replace(/\\(.)/g, '$1') });
      i += m[0].length;
    } else if (rest[0] === '%') {
      const end = rest.indexOf('%', 1);
      if (end < 0) throw new PatternError('unterminated %regex%');
      tokens.push({ t: 'regex', source: rest.slice(1, end) });
      i += end + 1;
    } else {
      const m = BARE_WORD.exec(rest);
      if (m === null) throw new PatternError(`unexpected "${rest.slice(0, 10)}"`);
      const word = m[0];
      tokens.push(
        word.startsWith('$')
          ? { t: 'selector', path: parsePath(word), raw: word }
          : { t: 'word', text: word },
      );
      i += word.length;
    }
  }
  return tokens;
}

class JsonParser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): JsonExpr {
    const expr = this.or();
    if (this.i < this.tokens.length) throw new PatternError('unexpected text after an expression');
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const token = this.tokens[this.i++];
    if (token === undefined) throw new PatternError('the pattern ends too early');
    return token;
  }

  private or(): JsonExpr {
    let left = this.and();
    while (this.peek()?.t === 'or') {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JsonExpr {
    let left = this.primary();
    while (this.peek()?.t === 'and') {
      this.i++;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): JsonExpr {
    const token = this.next();
    if (token.t === 'open') {
      const inner = this.or();
      if (this.next().t !== 'close') throw new PatternError('missing )');
      return inner;
    }
    if (token.t !== 'selector') throw new PatternError('expected a $. selector');
    const path = token.path;
    const op = this.next();
    if (op.t === 'op') return { kind: 'compare', path, op: op.op, value: this.value() };
    const keyword = (w: Token | undefined) => (w?.t === 'word' ? w.text.toUpperCase() : '');
    const first = keyword(op);
    const second = keyword(this.next());
    if (first === 'NOT' && second === 'EXISTS') return { kind: 'notExists', path };
    if (first === 'IS' && second === 'NULL') return { kind: 'isNull', path };
    if (first === 'IS' && (second === 'TRUE' || second === 'FALSE')) {
      return { kind: 'isBool', path, value: second === 'TRUE' };
    }
    throw new PatternError(`unsupported condition on ${token.raw}`);
  }

  private value(): Value {
    const token = this.next();
    if (token.t === 'quoted') return { kind: 'string', text: token.text };
    if (token.t === 'regex') return { kind: 'regex', re: new RegExp(token.source) };
    if (token.t === 'word') {
      const n = Number(token.text);
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token.text) && Number.isFinite(n)
        ? { kind: 'number', value: n, text: token.text }
        : { kind: 'string', text: token.text };
    }
    throw new PatternError('expected a value after the comparison');
  }
}

function parseTerms(text: string): Term[] {
  const terms: Term[] = [];
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of text.matchAll(re)) {
    const prefix = m[1];
    const word = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    terms.push({ text: word, mode: prefix === '?' ? 'any' : prefix === '-' ? 'none' : 'all' });
  }
  return terms;
}

/** Parses a metric filter's pattern; `ok: false` says why it cannot be evaluated. */
export function parseFilterPattern(text: string): ParsedFilterPattern {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, pattern: { kind: 'all' } };
  if (trimmed.startsWith('[')) {
    return { ok: false, reason: 'space-delimited [...] patterns are not evaluated' };
  }
  if (!trimmed.startsWith('{')) {
    return { ok: true, pattern: { kind: 'terms', terms: parseTerms(trimmed) } };
  }
  if (!trimmed.endsWith('}')) return { ok: false, reason: 'a JSON pattern must end with }' };
  try {
    const expr = new JsonParser(tokenize(trimmed.slice(1, -1))).parse();
    return { ok: true, pattern: { kind: 'json', expr } };
  } catch (err) {
    if (err instanceof PatternError || err instanceof SyntaxError) {
      return { ok: false, reason: err.message };
    }
    throw err;
  }
}

function resolve(event: unknown, path: PathStep[]): { found: boolean; value?: unknown } {
  let cursor: unknown = event;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cursor) || step >= cursor.length) return { found: false };
      cursor = cursor[step] as unknown;
    } else {
      if (typeof cursor !== 'object' || cursor === null || !Object.hasOwn(cursor, step)) {
        return { found: false };
      }
      cursor = (cursor as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: cursor };
}

/** `*` matches any run of characters; everything else literally (case-sensitive). */
function wildcard(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}

function compare(field: unknown, op: Comparison, value: Value): boolean {
  if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean') {
    return false;
  }
  const text = String(field);
  if (value.kind === 'regex') {
    const hit = value.re.test(text);
    return op === '=' ? hit : op === '!=' ? !hit : false;
  }
  if (value.kind === 'number' && (typeof field === 'number' || typeof field === 'string')) {
    const n = Number(field);
    if (field === '' || !Number.isFinite(n)) return op === '!=';
    switch (op) {
      case '=':
        return n === value.value;
      case '!=':
        return n !== value.value;
      case '<':
        return n < value.value;
      case '>':
        return n > value.value;
      case '<=':
        return n <= value.value;
      case '>=':
        return n >= value.value;
    }
  }
  if (op !== '=' && op !== '!=') return false;
  const hit = wildcard(value.text, text);
  return op === '=' ? hit : !hit;
}

function evaluate(expr: JsonExpr, event: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluate(expr.left, event) && evaluate(expr.right, event);
    case 'or':
      return evaluate(expr.left, event) || evaluate(expr.right, event);
    case 'notExists':
      return !resolve(event, expr.path).found;
    case 'isNull': {
      const r = resolve(event, expr.path);
      return r.found && r.value === null;
    }
    case 'isBool': {
      const r = resolve(event, expr.path);
      return r.found && r.value === expr.value;
    }
    case 'compare': {
      const r = resolve(event, expr.path);
      return r.found && compare(r.value, expr.op, expr.value);
    }
  }
}

/** Whether the pattern matches a JSON log event (terms match the event's JSON text). */
export function patternMatches(pattern: FilterPattern, event: object): boolean {
  switch (pattern.kind) {
    case 'all':
      return true;
    case 'json':
      return evaluate(pattern.expr, event);
    case 'terms': {
      const text = JSON.stringify(event);
      const any = pattern.terms.filter((t) => t.mode === 'any');
      return (
        pattern.terms.every((t) => t.mode !== 'all' || text.includes(t.text)) &&
        pattern.terms.every((t) => t.mode !== 'none' || !text.includes(t.text)) &&
        (any.length === 0 || any.some((t) => text.includes(t.text)))
      );
    }
  }
}
