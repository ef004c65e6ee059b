// End-to-end tier: the API in process on the real Postgres (`apps/api/test/*.e2e-spec.ts`)
// and the fleet as separate processes (`tests/e2e/`).
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'e2e',
  roots: ['<rootDir>/apps', '<rootDir>/tests'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/fleet/global-setup.ts',
  testTimeout: 120_000,
  // Every api suite has its own database and port: two at once keep both cores busy while a
  // suite waits on Postgres or on its child processes (schemathesis, the CLI, the fleet).
  maxWorkers: 2,
  testSequencer: '<rootDir>/jest.e2e.sequencer.js',
};
