import { z } from 'zod';
import { ConfigError } from './config-error';
import { configFragment, configRule, defineConfigSchema } from './config-schema';
import { env, fixed } from './config-tree';
import { bool, int } from './env-parsers';
import { loadConfig } from './load-config';
import { secret } from './secret';

const schema = defineConfigSchema(
  {
    app: configFragment({ name: fixed('demo'), verbose: env('VERBOSE', bool().default(false)) }),
    limits: configFragment(
      {
        low: env('LOW', int({ min: 0, max: 100 }).default(1)),
        high: env('HIGH', int({ min: 0, max: 100 }).default(50)),
      },
      [
        configRule(['LOW', 'HIGH'], ({ low, high }) =>
          low < high ? [] : [{ variable: 'HIGH', problem: 'must be greater than LOW' }],
        ),
      ],
    ),
    token: configFragment(
      env('TOKEN', secret(z.string().min(8, { error: 'must have at least 8 characters' }))),
    ),
  },
  [],
);

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) {
      return Object.fromEntries(error.issues.map((issue) => [issue.variable, issue.problem]));
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('should build the nested config with defaults for unset variables', () => {
    const config = loadConfig(schema, { TOKEN: 'abcdefgh' });

    expect(config).toEqual({
      app: { name: 'demo', verbose: false },
      limits: { low: 1, high: 50 },
      token: 'abcdefgh',
    });
  });

  it('should treat an empty variable as unset', () => {
    expect(loadConfig(schema, { TOKEN: 'abcdefgh', LOW: '' }).limits.low).toBe(1);
    expect(problemsOf(() => loadConfig(schema, { TOKEN: '' }))).toEqual({ TOKEN: 'is required' });
  });

  it('should list every bad variable in one error, not only the first', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, { VERBOSE: 'yes', LOW: '-5', HIGH: 'ten' }),
    );

    expect(problems).toEqual({
      VERBOSE: 'must be one of true, false, 1, 0',
      LOW: 'must be an integer from 0 to 100',
      HIGH: 'must be an integer from 0 to 100',
      TOKEN: 'is required',
    });
  });

  it('should name every bad variable in the error message', () => {
    expect(() => loadConfig(schema, { VERBOSE: 'yes', HIGH: '101' })).toThrow(
      'Invalid configuration (3 problems): VERBOSE: must be one of true, false, 1, 0; HIGH: must be an integer from 0 to 100; TOKEN: is required',
    );
  });

  it('should run a rule across variables and report it together with the other problems', () => {
    const problems = problemsOf(() => loadConfig(schema, { LOW: '60', HIGH: '40', VERBOSE: 'on' }));

    expect(problems).toEqual({
      VERBOSE: 'must be one of true, false, 1, 0',
      HIGH: 'must be greater than LOW',
      TOKEN: 'is required',
    });
  });

  it('should skip a rule whose own variables are bad, reporting each bad variable once', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, { LOW: 'x', HIGH: '1', TOKEN: 'abcdefgh' }),
    );

    expect(problems).toEqual({ LOW: 'must be an integer from 0 to 100' });
  });

  it('should never put a secret value in the error, even when the schema echoes the input', () => {
    const echoing = defineConfigSchema({
      key: configFragment(
        env(
          'API_KEY',
          secret(
            z
              .string()
              .refine((v) => v.startsWith('k_'), { error: (i) => `bad key ${String(i.input)}` }),
          ),
        ),
      ),
      other: configFragment(
        env(
          'OTHER',
          z.string().refine(() => false, { error: 'is not hunter2-ish' }),
        ),
      ),
    });

    let message = '';
    try {
      loadConfig(echoing, { API_KEY: 'hunter2', OTHER: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('API_KEY: bad key [redacted]');
    expect(message).toContain('OTHER: is not [redacted]-ish');
    expect(message).not.toContain('hunter2');
  });

  it('should return a frozen config', () => {
    const config = loadConfig(schema, { TOKEN: 'abcdefgh' });

    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('should read process.env when no environment is given', () => {
    const small = defineConfigSchema({ home: configFragment(env('HOME', z.string().optional())) });

    expect(loadConfig(small).home).toBe(process.env.HOME);
  });
});
