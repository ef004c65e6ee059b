// The dependency rules of docs/architecture.md, enforced in `npm run lint`.
// Test files (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts) and test support (a lib's `test/` folder,
// never built) may also use libs/testing.
const TEST_FILE = '(\\.(spec|int-spec|e2e-spec)\\.ts$|/test/)';

// What each lib may import (besides itself and node_modules). libs/testing may import anything.
const allowed = {
  contracts: [],
  config: ['contracts'],
  messaging: ['contracts', 'config', 'observability', 'persistence'],
  aws: ['config', 'contracts'],
  collectors: ['aws', 'config', 'contracts', 'checks'],
  checks: ['contracts'],
  findings: ['contracts', 'checks'],
  persistence: ['contracts', 'config', 'observability'],
  observability: ['config'],
  discovery: ['contracts', 'config', 'messaging', 'aws', 'persistence', 'observability'],
  scanner: ['contracts', 'config', 'messaging', 'aws', 'collectors', 'checks', 'observability'],
  normaliser: [
    'contracts',
    'config',
    'messaging',
    'findings',
    'checks',
    'persistence',
    'observability',
  ],
  api: [
    'contracts',
    'config',
    'messaging',
    'findings',
    'checks',
    'persistence',
    'observability',
    'aws',
  ],
  cli: [
    'contracts',
    'config',
    'messaging',
    'aws',
    'checks',
    'findings',
    'persistence',
    'observability',
    'discovery',
    'scanner',
    'normaliser',
    'api',
  ],
};

const libRules = Object.entries(allowed).map(([lib, deps]) => ({
  name: `lib-${lib}-allowed-imports`,
  comment: `libs/${lib} may import only: ${deps.length ? deps.join(', ') : 'nothing of ours'}`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: TEST_FILE },
  to: { path: '^libs/([^/]+)/', pathNot: [`^libs/(${[lib, ...deps].join('|')})/`] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module cycles.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-not-imported',
      severity: 'error',
      comment: 'Apps are entry points: nothing imports an app, not even another app.',
      from: { path: '^(libs|tests)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-only-their-own-folder',
      severity: 'error',
      comment: 'An app imports only its own files and libs.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-through-root-index-from-libs',
      severity: 'error',
      comment:
        'Another lib is imported through its root index (@palisade/<lib>), never a deep path.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'libs-through-root-index-from-apps',
      severity: 'error',
      comment:
        'Apps and tests import libs through their root index (@palisade/<lib>), never a deep path.',
      from: { path: '^(apps|tests)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: ['^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'checks-are-pure',
      severity: 'error',
      comment: 'libs/checks never imports the AWS SDK, Smithy or TypeORM.',
      from: { path: '^libs/checks/' },
      to: { path: 'node_modules/(@aws-sdk|@smithy|typeorm|pg|kafkajs)/' },
    },
    ...libRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.cache|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
