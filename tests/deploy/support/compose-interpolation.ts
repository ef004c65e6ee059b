/**
 * Compose Specification variable interpolation (the "Interpolation" section), as `docker
 * compose` applies it to every string of a parsed compose file: `$VAR`, `${VAR}`,
 * `${VAR:-default}` / `${VAR-default}`, `${VAR:?error}` / `${VAR?error}`, `${VAR:+replacement}` /
 * `${VAR+replacement}`, nested `${...}` in the word, and `$$` for a literal `$`. An unset
 * variable without a default becomes the empty string; anything else after a `$` is an error,
 * as in Compose. Error messages follow Compose's wording, so tests assert what users would see.
 */

/** A variable's value, or undefined when it is not set (empty and unset differ). */
export type Lookup = (name: string) => string | undefined;

export class InterpolationError extends Error {
  override name = 'InterpolationError';
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

export function lookupIn(env: Readonly<Record<string, string | undefined>>): Lookup {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

export function interpolate(template: string, lookup: Lookup): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      return out + template.slice(i);
    }
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(template, dollar + 2);
      out += substitute(template.slice(dollar + 2, close), template, lookup);
      i = close + 1;
    } else {
      const name = NAME.exec(template.slice(dollar + 1))?.[0];
      if (name === undefined) {
        throw invalid(template);
      }
      out += lookup(name) ?? '';
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

/** Index of the `}` closing a `${` whose content starts at `start`; nested `${...}` count. */
function closingBrace(template: string, start: number): number {
  let depth = 0;
  for (let i = start; i < template.length; i++) {
    if (template.startsWith('$$', i)) {
      i++;
    } else if (template.startsWith('${', i)) {
      depth++;
      i++;
    } else if (template[i] === '}') {
      if (depth === 0) {
        return i;
      }
      depth--;
    }
  }
  throw invalid(template);
}

/** The content of one `${...}`: a name, optionally an operator and its word. */
function substitute(content: string, template: string, lookup: Lookup): string {
  const name = NAME.exec(content)?.[0];
  if (name === undefined) {
    throw invalid(template);
  }
  const rest = content.slice(name.length);
  if (rest === '') {
    return lookup(name) ?? '';
  }
  const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (operator === undefined) {
    throw invalid(template);
  }
  return apply(operator, name, rest.slice(operator.length), lookup);
}

function apply(operator: Operator, name: string, word: string, lookup: Lookup): string {
  const value = lookup(name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  // The word is interpolated only when it is used (as a shell does).
  const wordValue = () => interpolate(word, lookup);
  switch (operator) {
    case ':-':
      return nonEmpty ? value : wordValue();
    case '-':
      return set ? value : wordValue();
    case ':?':
    case '?':
      if (operator === ':?' ? nonEmpty : set) {
        return value ?? '';
      }
      throw new InterpolationError(`required variable ${name} is missing a value: ${wordValue()}`);
    case ':+':
      return nonEmpty ? wordValue() : (value ?? '');
    case '+':
      return set ? wordValue() : '';
  }
}

function invalid(template: string): InterpolationError {
  return new InterpolationError(
    `invalid interpolation format for ${JSON.stringify(template)}: you may need to escape any $ with another $`,
  );
}

/**
 * Interpolates every string in a parsed YAML document (mapping keys are left alone, as Compose
 * does); an error names where it happened, e.g. `services.api.environment.OPERATOR_KEY`.
 */
export function interpolateTree(value: unknown, lookup: Lookup, path = ''): unknown {
  if (typeof value === 'string') {
    try {
      return interpolate(value, lookup);
    } catch (error) {
      if (error instanceof InterpolationError && path !== '') {
        throw new InterpolationError(`error while interpolating ${path}: ${error.message}`);
      }
      throw error;
    }
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => interpolateTree(item, lookup, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        interpolateTree(child, lookup, path === '' ? key : `${path}.${key}`),
      ]),
    );
  }
  return value;
}

/** An env file as deploy/compose.env.example writes it. */
export interface ComposeEnvFile {
  /** `KEY=value` lines. */
  readonly values: Readonly<Record<string, string>>;
  /** Every variable the file documents: its `KEY=value` lines and its `# KEY=value` examples. */
  readonly documented: ReadonlySet<string>;
}

/**
 * Reads the plain subset of the Compose env-file format that the example keeps to: blank
 * lines, `#` comments, `KEY=value` with a value free of quotes, spaces, `#` and `$` (which
 * Compose would treat specially). Anything else is refused rather than misread.
 */
export function parseComposeEnvFile(text: string): ComposeEnvFile {
  const values: Record<string, string> = {};
  const documented = new Set<string>();
  text.split('\n').forEach((line, index) => {
    const commented = /^#\s*([A-Z_][A-Z0-9_]*)=/.exec(line);
    if (commented?.[1] !== undefined) {
      documented.add(commented[1]);
      return;
    }
    if (line.trim() === '' || line.startsWith('#')) {
      return;
    }
    const assignment = /^([A-Z_][A-Z0-9_]*)=([^\s"'#$]*)$/.exec(line);
    if (assignment?.[1] === undefined || assignment[2] === undefined) {
      throw new Error(`line ${index + 1} is not a plain KEY=value line: ${JSON.stringify(line)}`);
    }
    if (Object.hasOwn(values, assignment[1])) {
      throw new Error(`line ${index + 1} sets ${assignment[1]} a second time`);
    }
    values[assignment[1]] = assignment[2];
    documented.add(assignment[1]);
  });
  return { values, documented };
}
