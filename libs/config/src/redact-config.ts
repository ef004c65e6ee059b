import { REDACTED } from './secret';

export type ConfigPath = readonly string[];

// Where each loaded config keeps its secrets, by identity: the config object itself carries
// no extra property, so it serialises exactly as typed.
const secretPathsByConfig = new WeakMap<object, readonly ConfigPath[]>();

// For a config that did not come from loadConfig (a test double), redact by name instead.
const SECRET_LOOKING_KEY = /password|secret|token|credential|apikey|api_key|url/i;

export function rememberSecretPaths(config: object, paths: readonly ConfigPath[]): void {
  secretPathsByConfig.set(config, paths);
}

/**
 * A deep copy of the config, safe to log: every value marked `secret(...)` in its schema is
 * replaced by "[redacted]" (unset optional secrets stay undefined). A config that was not
 * produced by `loadConfig` has every key that looks like a secret or a URL redacted.
 */
export function redactConfig<C extends object>(config: C): C {
  const paths = secretPathsByConfig.get(config);
  const isSecretPath =
    paths === undefined
      ? (path: ConfigPath) => SECRET_LOOKING_KEY.test(path[path.length - 1] ?? '')
      : (path: ConfigPath) => paths.some((secretPath) => samePath(secretPath, path));
  return copy(config, [], isSecretPath) as C;
}

function copy(
  value: unknown,
  path: ConfigPath,
  isSecretPath: (path: ConfigPath) => boolean,
): unknown {
  if (path.length > 0 && isSecretPath(path)) {
    return value === undefined ? undefined : REDACTED;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => copy(item, [...path, String(index)], isSecretPath));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, copy(child, [...path, key], isSecretPath)]),
    );
  }
  return value;
}

function samePath(a: ConfigPath, b: ConfigPath): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}
