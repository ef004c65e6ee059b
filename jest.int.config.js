// Integration tier: `*.int-spec.ts` beside the code, against the real Kafka broker, the real
// Postgres and moto behind the fault proxy, all started by scripts/deps/up.sh in globalSetup.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'int',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests/deploy'],
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/deps/global-setup.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
