// The e2e tier's order of test files: Jest's own (what failed last, then the slowest of the last
// run), except that the long suites start first when there is no earlier run to time them by (a
// clean clone, as in CI): by file size Jest would start the schemathesis suite, a small file and
// the longest suite, last, and it would run alone while the other worker idles.
const Sequencer = require('@jest/test-sequencer').default;

const LONG = [/\/apps\/api\/test\/schemathesis\.e2e-spec\.ts$/, /\/tests\/e2e\/cli\.e2e-spec\.ts$/];

class LongFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const first = (test) => test.duration == null && LONG.some((long) => long.test(test.path));
    return [...sorted.filter(first), ...sorted.filter((test) => !first(test))];
  }
}

module.exports = LongFirstSequencer;
