// Unit tier: `*.spec.ts` beside the code; pure logic, no servers.
const base = require('./jest.base.config');

module.exports = {
  ...base,
  displayName: 'unit',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '\\.int-spec\\.ts$',
    '\\.e2e-spec\\.ts$',
  ],
};
