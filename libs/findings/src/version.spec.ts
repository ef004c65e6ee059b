import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PALISADE_VERSION } from './version';

describe('the product version findings carry', () => {
  it('is the version of the root package.json (bump both together)', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(PALISADE_VERSION).toBe(pkg.version);
  });
});
