/**
 * Regression (issue 8): an expectations file naming an unknown version used to
 * blame the scenario ("scenario X lists protocol version ..."), and an unknown
 * invariant in it was a mismatch (exit 1). Both are now bad input in the file (exit 2).
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

/** An expectations file holding `data`. */
function expectFile(data: unknown): string {
  const f = join(mkdtempSync(join(tmpdir(), 'movcheck-blame-')), 'expect.json');
  writeFileSync(f, JSON.stringify(data));
  return f;
}

test('an unknown version in the expectations file blames the file', async (t) => {
  const r = await cli(['gate', 'r5-movable-and-mapped', '--expect', expectFile({ 'r5-movable-and-mapped': { v9: 'pass' } })]);
  t.is(r.code, 2);
  t.is(
    r.stderr,
    "movcheck: the expectations file names protocol version 'v9' for scenario 'r5-movable-and-mapped', which is not built in (built in: v3, v3-r2, v3-r6, v3-r7, v3-r9, v3-reviewed, v4.8, v4.10, v4.10-generic, v4.8-atomic, v5.0, v5.19, v6.1, v6.2, v7.0) nor given with --protocol; fix the expectations file, or pass --protocol <file> defining 'v9'\n",
  );
});

test('an unknown invariant in the expectations file is bad input, before any search', async (t) => {
  const r = await cli(['gate', 'r5-movable-and-mapped', '--expect', expectFile({ 'r5-movable-and-mapped': { 'v4.8': 'no-such-invariant' } })]);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.regex(r.stderr, /^movcheck: unknown invariant 'no-such-invariant' in the expectations file's entry for 'r5-movable-and-mapped' under 'v4\.8'; valid: .*mapcount-consistent.*\n$/);
  t.notRegex(r.stderr, /states in/);
});

test('"incomplete" is not an expectation either', async (t) => {
  const r = await cli(['gate', 'r5-movable-and-mapped', '--expect', expectFile({ 'r5-movable-and-mapped': { v3: 'incomplete' } })]);
  t.is(r.code, 2);
  t.regex(r.stderr, /unknown invariant 'incomplete'/);
});
