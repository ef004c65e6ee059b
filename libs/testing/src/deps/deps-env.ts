/** Addresses `scripts/deps/up.sh` writes and jest's globalSetup exports to the test workers. */
export type DepsVariable =
  'PALISADE_KAFKA_BROKERS' | 'PALISADE_PG_HOST' | 'PALISADE_PG_PORT' | 'PALISADE_MOTO_URL';

/**
 * A real dependency's address, or a loud failure saying how to get one: a test that needs a
 * server never falls back to a guess and never skips.
 */
export function depsEnv(name: DepsVariable): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the integration tier (its globalSetup starts the dependencies), ` +
        'or `bash scripts/deps/up.sh` and load the env file it prints',
    );
  }
  return value;
}
