import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error';
import type { ConfigSchema } from './config-schema';
import { EnvVar, isLeaf, type ConfigNode, type ConfigTree, type ConfigValue } from './config-tree';
import { rememberSecretPaths, type ConfigPath } from './redact-config';
import { REDACTED } from './secret';

/** The environment to read: `process.env`, or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

interface ParseState {
  readonly env: Env;
  readonly issues: ConfigIssue[];
  readonly failed: Set<string>;
  readonly secretPaths: ConfigPath[];
  readonly secretValues: Set<string>;
}

/**
 * Parses the environment once, at boot, into the schema's typed, frozen, nested config.
 * Throws a ConfigError that lists every bad variable (never a secret's value).
 * An empty variable (`KAFKA_SSL=`) counts as unset.
 */
export function loadConfig<T extends ConfigTree>(
  schema: ConfigSchema<T>,
  env: Env = process.env,
): ConfigValue<T> {
  const state: ParseState = {
    env,
    issues: [],
    failed: new Set(),
    secretPaths: [],
    secretValues: new Set(),
  };
  const config = parseNode(schema.tree, [], state) as ConfigValue<T>;

  for (const { path, rule } of schema.rules) {
    if (rule.variables.every((variable) => !state.failed.has(variable))) {
      state.issues.push(...rule.check(valueAt(config, path) as never));
    }
  }
  if (state.issues.length > 0) {
    throw new ConfigError(
      uniqueIssues(state.issues.map((issue) => scrub(issue, state.secretValues))),
    );
  }
  rememberSecretPaths(config, state.secretPaths);
  return deepFreeze(config);
}

function parseNode(node: ConfigNode, path: ConfigPath, state: ParseState): unknown {
  if (!isLeaf(node)) {
    const value: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      value[key] = parseNode(child, [...path, key], state);
    }
    return value;
  }
  if (!(node instanceof EnvVar)) {
    return node.value;
  }
  const raw = readVariable(state.env, node.name);
  if (node.secret) {
    state.secretPaths.push(path);
    if (raw !== undefined) {
      state.secretValues.add(raw);
    }
  }
  const result = node.schema.safeParse(raw);
  if (result.success) {
    return result.data;
  }
  state.failed.add(node.name);
  state.issues.push({ variable: node.name, problem: describeProblem(result.error, raw) });
  return undefined;
}

function readVariable(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function describeProblem(error: z.ZodError, raw: string | undefined): string {
  if (raw === undefined) {
    return 'is required';
  }
  return [...new Set(error.issues.map((issue) => issue.message))].join('; ');
}

function scrub(issue: ConfigIssue, secretValues: ReadonlySet<string>): ConfigIssue {
  let problem = issue.problem;
  for (const value of secretValues) {
    problem = problem.split(value).join(REDACTED);
  }
  return { variable: issue.variable, problem };
}

function uniqueIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.variable}\u0000${issue.problem}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function valueAt(value: unknown, path: ConfigPath): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], value);
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

/** The environment (`process.env` unless given) with some variables set, e.g. from argv. */
export function envWith(overrides: Env, env: Env = process.env): Env {
  return { ...env, ...overrides };
}
