/** Regression (issue 8): a gate or report that checks no pair is bad input (exit 2), not "gate: 0/0 match" and exit 0. */
import test from 'ava';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

test('gate of a mutant scenario under a version it does not list: exit 2, one line', async (t) => {
  const r = await cli(['gate', 'r5-movable-and-mapped~marker', '--protocol', 'v4.8']);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.regex(r.stderr, /^movcheck: gate has no scenario×version pair to check \(no scenario lists a version given with --protocol, and none derives from one\); /);
  t.is(r.stderr.split('\n').length, 2);
});

test('report with nothing to check: exit 2, no files written', async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), 'movcheck-none-')), 'r');
  const r = await cli(['report', 'r5-movable-and-mapped~marker', '--protocol', 'v4.8', '--out', out]);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: report has no scenario×version pair to check/);
  t.false(existsSync(out));
});
