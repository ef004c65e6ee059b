// Writes docs/checks.md from the checks' metadata; `--check` exits 1 when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS, FRAMEWORKS, renderChecksDoc } from '@palisade/checks';

const target = join(__dirname, '..', 'docs', 'checks.md');
const rendered = renderChecksDoc(ALL_CHECKS, FRAMEWORKS);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current !== rendered) {
    console.error('docs/checks.md is stale: run `npm run checks-doc` and commit it');
    process.exit(1);
  }
  console.log(`docs/checks.md is current (${ALL_CHECKS.length} checks)`);
} else {
  writeFileSync(target, rendered);
  console.log(`wrote docs/checks.md (${ALL_CHECKS.length} checks)`);
}
