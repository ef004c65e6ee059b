// The e2e tier's order of test files: Jest's own (what failed last, then the slowest of the last
// run), except that the long suites start first, longest first, when there is no earlier run to
// time them by (a clean clone, as in CI): by file size Jest would start them in any order, and
// the longest could start last and run alone while the other worker idles.
const Sequencer = require('@jest/test-sequencer').default;

const LONG = [
  /\/tests\/e2e\/fleet-faults\.e2e-spec\.ts$/,
  /\/apps\/api\/test\/schemathesis\.e2e-spec\.ts$/,
  /\/tests\/e2e\/fleet\.e2e-spec\.ts$/,
  /\/tests\/e2e\/cli\.e2e-spec\.ts$/,
];

const rank = (test) =>
  test.duration == null ? LONG.findIndex((long) => long.test(test.path)) : -1;

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const long = sorted.filter((test) => rank(test) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...long, ...sorted.filter((test) => rank(test) < 0)];
  }
}

module.exports = LongFirstSequencer;
