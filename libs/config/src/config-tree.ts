import type { z } from 'zod';
import { isSecret } from './secret';

/** A leaf read from one environment variable and parsed by a zod schema. */
export class EnvVar<T> {
  declare readonly valueType: T;
  readonly secret: boolean;

  constructor(
    readonly name: string,
    readonly schema: z.ZodType<T>,
  ) {
    this.secret = isSecret(schema);
  }
}

/** A leaf whose value the app fixes in code (its own name, for instance), not the environment. */
export class Fixed<T> {
  constructor(readonly value: T) {}
}

export type ConfigLeaf = EnvVar<unknown> | Fixed<unknown>;
export type ConfigNode = ConfigLeaf | ConfigTree;
export interface ConfigTree {
  readonly [key: string]: ConfigNode;
}

/** The typed value a node of the tree becomes once parsed. */
export type ConfigValue<N> =
  N extends EnvVar<infer T>
    ? T
    : N extends Fixed<infer T>
      ? T
      : N extends ConfigTree
        ? { readonly [K in keyof N]: ConfigValue<N[K]> }
        : never;

/** `env('KAFKA_BROKERS', brokerList())`: the leaf for one variable. */
export function env<S extends z.ZodType>(name: string, schema: S): EnvVar<z.output<S>> {
  return new EnvVar<z.output<S>>(name, schema as z.ZodType<z.output<S>>);
}

export function fixed<const T>(value: T): Fixed<T> {
  return new Fixed(value);
}

export function isLeaf(node: ConfigNode): node is ConfigLeaf {
  return node instanceof EnvVar || node instanceof Fixed;
}
