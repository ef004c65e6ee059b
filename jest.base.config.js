// Shared jest settings for every test tier. Type-checking happens once, in `npm run typecheck`;
// tests are transformed by swc for speed.
const { readFileSync } = require('node:fs');

// The build's swc settings (.swcrc), with the source maps inline for stack traces.
const swcrc = { ...JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8')), sourceMaps: 'inline' };
delete swcrc.$schema;

const tsconfig = JSON.parse(readFileSync(`${__dirname}/tsconfig.json`, 'utf8'));
const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace('/', '\\/')}$`] = `<rootDir>/${target}`;
}

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcrc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/.cache/'],
  clearMocks: true,
  restoreMocks: true,
};
