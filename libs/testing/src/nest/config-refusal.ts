import { type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CONFIG_ENV, ConfigError, type Env } from '@palisade/config';

/**
 * Compiles an app's root module against `env` and returns the issues of the ConfigError it
 * must refuse to boot with, as `VARIABLE: problem` lines (fails when it boots or throws else).
 * Needs no server: a bad environment stops the app before anything connects.
 */
export async function configRefusalOf(module: Type, env: Env): Promise<string[]> {
  const compiling = Test.createTestingModule({ imports: [module] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env)
    .compile();
  const outcome = await compiling.then(
    async (compiled) => {
      await compiled.close();
      return new Error('the module compiled: the environment was accepted');
    },
    (error: unknown) => error,
  );
  if (!(outcome instanceof ConfigError)) throw outcome;
  return outcome.issues.map((issue) => `${issue.variable}: ${issue.problem}`);
}
