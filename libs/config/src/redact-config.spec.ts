import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { redactConfig } from './redact-config';
import { apiConfigSchema } from './schemas/api-config.schema';

const DATABASE_URL = 'postgres://palisade:db-pa55word@db.internal:5432/palisade';

describe('redactConfig', () => {
  it('should replace every secret with [redacted] and keep everything else', () => {
    const config = loadConfig(apiConfigSchema, {
      KAFKA_BROKERS: 'b1:9092',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'palisade',
      KAFKA_SASL_PASSWORD: 'kafka-pa55word',
      DATABASE_URL,
      DATABASE_MIGRATIONS_URL: 'postgres://owner:owner-pa55word@db.internal:5432/palisade',
    });

    const redacted = redactConfig(config);

    expect(redacted.database).toEqual({
      url: '[redacted]',
      poolSize: 10,
      migrationsUrl: '[redacted]',
    });
    expect(redacted.kafka.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'palisade',
      password: '[redacted]',
    });
    expect(redacted.kafka.brokers).toEqual(['b1:9092']);
    expect(JSON.stringify(redacted)).not.toMatch(/pa55word/);
  });

  it('should leave an unset optional secret undefined and not touch the original', () => {
    const config = loadConfig(apiConfigSchema, { KAFKA_BROKERS: 'b1:9092', DATABASE_URL });

    const redacted = redactConfig(config);

    expect(redacted.database.migrationsUrl).toBeUndefined();
    expect(redacted.kafka.sasl.password).toBeUndefined();
    expect(config.database.url).toBe(DATABASE_URL);
  });

  it('should redact secret-looking keys of a config that did not come from loadConfig', () => {
    const handMade = {
      database: { url: DATABASE_URL, poolSize: 3 },
      kafka: { sasl: { password: 'p' }, clientId: 'c' },
    };

    expect(redactConfig(handMade)).toEqual({
      database: { url: '[redacted]', poolSize: 3 },
      kafka: { sasl: { password: '[redacted]' }, clientId: 'c' },
    });
  });

  it('should keep secrets out of the ConfigError when other variables are bad', () => {
    let error: unknown;
    try {
      loadConfig(apiConfigSchema, {
        DATABASE_URL: 'mysql://root:db-pa55word@db/x',
        KAFKA_SASL_PASSWORD: 'kafka-pa55word',
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    );
    expect(JSON.stringify((error as ConfigError).issues)).not.toMatch(/pa55word/);
    expect((error as ConfigError).message).not.toMatch(/pa55word/);
  });
});
