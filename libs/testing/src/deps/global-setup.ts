import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** Parses the sourceable `KEY=value` file that scripts/deps/up.sh writes. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) {
      env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return env;
}

/**
 * Jest globalSetup of the integration and e2e tiers: starts (or reuses) the real Kafka broker,
 * Postgres and moto through the project's own scripts, then exposes their addresses to the
 * test workers through the environment (workers are forked after this runs).
 */
export default function globalSetup(): void {
  execFileSync('bash', [resolve(root, 'scripts/deps/up.sh')], { stdio: 'inherit', cwd: root });
  const envFile = execFileSync('bash', [resolve(root, 'scripts/deps/env.sh')], { cwd: root })
    .toString()
    .trim();
  Object.assign(process.env, parseEnvFile(readFileSync(envFile, 'utf8')));
}
