import { ConfigError } from '../config-error';
import { envWith, loadConfig } from '../load-config';
import { redactConfig } from '../redact-config';
import { migrateConfigSchema } from './migrate-config.schema';

describe('the migration step config', () => {
  it('should read the owner URL and the services password, and redact both', () => {
    const config = loadConfig(migrateConfigSchema, {
      DATABASE_MIGRATIONS_URL: 'postgres://owner:pw@db:5432/palisade',
      PALISADE_APP_ROLE_PASSWORD: 'a-long-enough-password',
    });
    expect(config.migrations).toEqual({
      url: 'postgres://owner:pw@db:5432/palisade',
      appRolePassword: 'a-long-enough-password',
    });
    expect(JSON.stringify(redactConfig(config))).not.toMatch(/owner:pw|a-long-enough-password/);
  });

  it('should list a missing URL and a short password together, without the password', () => {
    const load = () => loadConfig(migrateConfigSchema, { PALISADE_APP_ROLE_PASSWORD: 'short' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /DATABASE_MIGRATIONS_URL: is required.*PALISADE_APP_ROLE_PASSWORD: must be at least 16/,
    );
    expect(load).not.toThrow(/short/);
  });

  it('should let an argument override the environment', () => {
    const env = envWith(
      { DATABASE_MIGRATIONS_URL: 'postgres://o@a/b' },
      { DATABASE_MIGRATIONS_URL: 'postgres://o@c/d' },
    );
    expect(loadConfig(migrateConfigSchema, env).migrations.url).toBe('postgres://o@a/b');
  });
});
