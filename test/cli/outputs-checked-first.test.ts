/**
 * Regression (issue 8): an unwritable --junit, --md or --out used to be
 * reported only after every pair had run. It is now checked before any search:
 * exit 2, one line, no pair checked.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'movcheck-out-'));
const aFile = join(dir, 'plain.txt');
writeFileSync(aFile, 'x');

const cases: [string, string[], RegExp][] = [
  ['--junit below a regular file', ['gate', '--junit', join(aFile, 'j.xml')], /^movcheck: cannot write --junit '.*plain\.txt\/j\.xml': '.*plain\.txt' is a regular file, so nothing can be created below it; give a writable file path\n$/],
  ['--junit that is a directory', ['gate', '--junit', dir], /^movcheck: cannot write --junit '.*': it is a directory, not a file; /],
  ['--md below a regular file', ['gate', '--md', join(aFile, 'sub', 's.md')], /^movcheck: cannot write --md '.*': '.*plain\.txt' is a regular file, so nothing can be created below it; /],
  ['--out that is a regular file', ['report', '--out', aFile], /^movcheck: cannot write --out '.*plain\.txt': it is a regular file, not a directory; give a writable directory\n$/],
  ['--out below a regular file', ['report', '--out', join(aFile, 'r')], /^movcheck: cannot write --out '.*': '.*plain\.txt' is a regular file, so nothing can be created below it; /],
];
for (const [name, args, re] of cases) {
  test(`${name}: exit 2 before any search`, async (t) => {
    const r = await cli(args);
    t.is(r.code, 2);
    t.is(r.stdout, '');
    t.regex(r.stderr, re);
    t.notRegex(r.stderr, /states in/, 'no pair was checked');
  });
}

test('a writable --junit in a directory that does not exist yet is fine', async (t) => {
  const r = await cli(['gate', 'r5-movable-and-mapped', '--junit', join(dir, 'new', 'deeper', 'j.xml')]);
  t.is(r.code, 0, r.stderr);
});
