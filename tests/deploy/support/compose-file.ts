import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import {
  type ComposeEnvFile,
  interpolateTree,
  type Lookup,
  parseComposeEnvFile,
} from './compose-interpolation';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** js-yaml (a dev tool dependency, without bundled types); its default schema merges `<<` keys. */
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

/** The part of the Compose Specification deploy/compose.yaml uses (after YAML merge keys). */
export interface ComposeService {
  readonly image?: string;
  readonly command?: string | readonly string[];
  /** Mapping form: a null value passes the variable through from the project environment. */
  readonly environment?: Readonly<Record<string, string | number | boolean | null>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition?: string }>>;
  readonly read_only?: boolean;
  readonly user?: string;
  readonly cap_drop?: readonly string[];
  readonly security_opt?: readonly string[];
  readonly tmpfs?: string | readonly string[];
  readonly restart?: string;
  readonly ports?: readonly (string | PortMapping)[];
  readonly deploy?: { readonly replicas?: number };
  readonly healthcheck?: { readonly test?: string | readonly string[]; readonly disable?: boolean };
  readonly volumes?: readonly string[];
  readonly hostname?: string;
}

export interface PortMapping {
  readonly target: number;
  readonly published?: string | number;
  readonly host_ip?: string;
}

export interface ComposeProject {
  readonly name?: string;
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

export const COMPOSE_FILE = resolve(REPO_ROOT, 'deploy/compose.yaml');
export const COMPOSE_ENV_EXAMPLE = resolve(REPO_ROOT, 'deploy/compose.env.example');

/** deploy/compose.yaml as Compose sees it with this project environment (.env + shell). */
export function loadCompose(lookup: Lookup): ComposeProject {
  return interpolateTree(yaml.load(readFileSync(COMPOSE_FILE, 'utf8')), lookup) as ComposeProject;
}

export function readComposeEnvExample(): ComposeEnvFile {
  return parseComposeEnvFile(readFileSync(COMPOSE_ENV_EXAMPLE, 'utf8'));
}

/**
 * The environment a service's container gets from its `environment:` (the image's ENV aside):
 * a null entry takes the project environment's value, and is left out when that is unset.
 */
export function containerEnv(service: ComposeService, lookup: Lookup): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(service.environment ?? {})) {
    const resolved = value === null ? lookup(name) : String(value);
    if (resolved !== undefined) {
      env[name] = resolved;
    }
  }
  return env;
}

/** A `ports:` entry in either syntax; the short one is `[HOST_IP:]PUBLISHED:TARGET[/PROTOCOL]`. */
export function portMapping(entry: string | PortMapping): PortMapping {
  if (typeof entry !== 'string') {
    return entry;
  }
  const match = /^(?:([\d.]+):)?(\d+):(\d+)(?:\/(?:tcp|udp))?$/.exec(entry);
  if (match?.[2] === undefined || match[3] === undefined) {
    throw new Error(`unexpected port syntax: ${entry}`);
  }
  return {
    target: Number(match[3]),
    published: match[2],
    ...(match[1] === undefined ? {} : { host_ip: match[1] }),
  };
}
