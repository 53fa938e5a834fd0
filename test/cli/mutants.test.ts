/**
 * `movcheck mutants` on the command line: bad input is one line and exit 2
 * before any search; the help names the command. (The runs themselves take a
 * minute per version: test/model/mutation.test.ts checks mutants one by one.)
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './_helpers.ts';

test('an equivalents file that is not an object: exit 2, one line', async (t) => {
  const f = join(mkdtempSync(join(tmpdir(), 'movcheck-eq-')), 'eq.json');
  writeFileSync(f, '["v4.8~x"]');
  const r = await cli(['mutants', '--protocol', 'v4.8', '--equivalents', f]);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.is(r.stderr, `movcheck: ${f} must be a JSON object {"<mutant id>": "<reason>"}; fix the file\n`);
});

test('a missing equivalents file: exit 2, one line', async (t) => {
  const r = await cli(['mutants', '--protocol', 'v4.8', '--equivalents', 'test/fixtures/nope.json']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: cannot read --equivalents 'test\/fixtures\/nope\.json': .*; give a readable JSON file\n$/);
});

test('an unknown version: exit 2, one line', async (t) => {
  const r = await cli(['mutants', '--protocol', 'v99']);
  t.is(r.code, 2);
  t.regex(r.stderr, /^movcheck: unknown protocol version 'v99'; valid: /);
});

test('a bad format: exit 2, one line', async (t) => {
  const r = await cli(['mutants', '--format', 'pdf']);
  t.is(r.code, 2);
  t.is(r.stderr, "movcheck: --format of mutants must be one of text, json, md, got 'pdf'; e.g. --format text\n");
});

test('help mutants shows its options', async (t) => {
  const r = await cli(['help', 'mutants']);
  t.is(r.code, 0);
  t.regex(r.stdout, /^usage: movcheck mutants \[--protocol <version\|file>\] \[--equivalents FILE\]/);
  t.regex(r.stdout, /--format text\|json\|md/);
});
