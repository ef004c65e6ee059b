// Unit tier: `*.spec.ts` beside the code; pure logic, no servers.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'unit',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  // Jest's default on 2 cores is one worker; two halve the stage (pure tests share nothing).
  maxWorkers: 2,
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '\\.int-spec\\.ts$',
    '\\.e2e-spec\\.ts$',
  ],
};
