import type { ConfigIssue } from './config-error';
import { EnvVar, isLeaf, type ConfigNode, type ConfigTree, type ConfigValue } from './config-tree';

/**
 * A check across several variables (KAFKA_SASL_PASSWORD required when the mechanism is SCRAM).
 * It runs only when every variable it names parsed, so a bad input is reported once, as
 * itself, and every other problem is still reported in the same error.
 */
export interface ConfigRule<V> {
  readonly variables: readonly string[];
  check(value: V): readonly ConfigIssue[];
}

export function configRule<V>(
  variables: readonly string[],
  check: (value: V) => readonly ConfigIssue[],
): ConfigRule<V> {
  return { variables, check };
}

/** A reusable piece of configuration: a node of the tree and the rules over its value. */
export interface ConfigFragment<N extends ConfigNode> {
  readonly node: N;
  readonly rules: readonly ConfigRule<ConfigValue<N>>[];
}

export function configFragment<N extends ConfigNode>(
  node: N,
  rules: readonly ConfigRule<ConfigValue<N>>[] = [],
): ConfigFragment<N> {
  return { node, rules };
}

/** A rule bound to the place in the tree whose value it checks. */
export interface ScopedRule {
  readonly path: readonly string[];
  readonly rule: ConfigRule<never>;
}

/** What `loadConfig` and `ConfigModule.forRoot` take: a whole app's tree and its rules. */
export interface ConfigSchema<T extends ConfigTree> {
  readonly tree: T;
  readonly rules: readonly ScopedRule[];
}

export type ConfigOf<S> = S extends ConfigSchema<infer T> ? ConfigValue<T> : never;

type AnyFragment = ConfigFragment<ConfigNode>;
type TreeOf<F extends Record<string, AnyFragment>> = { readonly [K in keyof F]: F[K]['node'] };

/**
 * Composes fragments into an app's schema: `{ kafka: kafkaFragment(...) }` reads the kafka
 * variables into `config.kafka`. `rules` check across fragments (TRANSPORT and KAFKA_BROKERS).
 */
export function defineConfigSchema<F extends Record<string, AnyFragment>>(
  fragments: F,
  rules: readonly ConfigRule<ConfigValue<TreeOf<F>>>[] = [],
): ConfigSchema<TreeOf<F>> {
  const tree: Record<string, ConfigNode> = {};
  const scoped: ScopedRule[] = [];
  for (const [key, fragment] of Object.entries(fragments)) {
    tree[key] = fragment.node;
    for (const rule of fragment.rules) {
      scoped.push({ path: [key], rule });
    }
  }
  for (const rule of rules) {
    scoped.push({ path: [], rule });
  }
  return { tree: tree as TreeOf<F>, rules: scoped };
}

/**
 * Every environment variable a schema reads, secret or not, sorted: what a deployment (the
 * helm chart, deploy/compose.yaml) may set for the app, so a misspelt one can be caught.
 */
export function configVariables(schema: ConfigSchema<ConfigTree>): {
  readonly name: string;
  readonly secret: boolean;
}[] {
  const found: { name: string; secret: boolean }[] = [];
  const walk = (node: ConfigNode): void => {
    if (node instanceof EnvVar) found.push({ name: node.name, secret: node.secret });
    else if (!isLeaf(node)) Object.values(node).forEach(walk);
  };
  walk(schema.tree);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
