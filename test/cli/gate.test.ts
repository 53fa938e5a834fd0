/** `movcheck gate`: the matrix, `gate: N/M match`, exit status, expectations file, JUnit and Markdown outputs. */
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xmlElements } from '../reports/_xml.ts';
import { catalog } from '../../scenarios/index.ts';
import { FX, cli } from './_helpers.ts';

const ALL = [FX.racy, FX.atomic, FX.abba, '--protocol', FX.toy, '--protocol', FX.toy2];

test('all expectations met: matrix, gate line, exit 0', async (t) => {
  const r = await cli(['gate', ...ALL]);
  t.is(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  t.regex(lines[0]!, /^scenario +toy +toy2$/);
  t.regex(r.stdout, /^toy-racy-counter +✗ no-lost-update +-$/m);
  t.regex(r.stdout, /^toy-atomic-counter +pass +-$/m);
  t.regex(r.stdout, /^toy-abba +✗ no-hang +pass$/m);
  t.is(lines.at(-1), 'gate: 4/4 match');
  t.regex(r.stderr, /^movcheck: toy-abba under toy: ✗ no-hang, 21 states in \d+\.\d\ds$/m);
  t.regex(r.stderr, /\nmovcheck: gate checked 4 pairs in \d+\.\d\ds\n$/);
});

test('an expectations file that changes one expectation: exit 1, the mismatch marked and explained', async (t) => {
  const r = await cli(['gate', ...ALL, '--expect', FX.expectFlip]);
  t.is(r.code, 1);
  t.regex(r.stdout, /^toy-atomic-counter +pass \* +-$/m);
  t.regex(r.stdout, /^ {2}toy-atomic-counter under toy: expected violation of no-lost-update, got pass$/m);
  t.regex(r.stdout, /\ngate: 3\/4 match\n$/);
});

test('an expectations file that agrees: exit 0', async (t) => {
  const r = await cli(['gate', ...ALL, '--expect', FX.expectSame]);
  t.is(r.code, 0);
});

test('an incomplete search never matches', async (t) => {
  const r = await cli(['gate', FX.racy3, '--protocol', FX.toy, '--max-states', '3']);
  t.is(r.code, 1);
  t.regex(r.stdout, /^toy-racy-counter-3 +incomplete \*$/m);
  t.regex(r.stdout, /got incomplete \(max-states 3 hit after 3 states\)/);
  t.regex(r.stdout, /gate: 0\/1 match/);
});

test('--junit writes well-formed JUnit XML, one testcase per pair, a failure per mismatch', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-junit-'));
  const file = join(dir, 'sub', 'junit.xml');
  const r = await cli(['gate', ...ALL, '--expect', FX.expectFlip, '--junit', file]);
  t.is(r.code, 1);
  const xml = readFileSync(file, 'utf8');
  t.true(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const names = xmlElements(xml);
  t.is(names.filter((n) => n === 'testcase').length, 4);
  t.is(names.filter((n) => n === 'failure').length, 1);
  t.regex(xml, /<testsuites name="movcheck" tests="4" failures="1" errors="0">/);
  t.regex(xml, /<testcase classname="toy-abba" name="toy2"\/>/);
  t.regex(xml, /<testcase classname="toy-atomic-counter" name="toy">\n\s+<failure message="expected violation of no-lost-update, got pass" type="mismatch">/);
});

test('--md appends a Markdown summary (GITHUB_STEP_SUMMARY is appended to)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-md-'));
  const file = join(dir, 'summary.md');
  t.is((await cli(['gate', ...ALL, '--md', file])).code, 0);
  t.is((await cli(['gate', ...ALL, '--expect', FX.expectFlip, '--md', file])).code, 1);
  const md = readFileSync(file, 'utf8');
  t.is(md.match(/^## movcheck gate: /gm)?.length, 2);
  t.regex(md, /^## movcheck gate: 4\/4 match ✅$/m);
  t.regex(md, /^## movcheck gate: 3\/4 match ❌$/m);
  t.regex(md, /^\| scenario \| toy \| toy2 \|$/m);
  t.regex(md, /^\| toy-atomic-counter \| ❌ \*\*pass\*\* \(expected ✗ no-lost-update\) \| - \|$/m);
});

test('gate on the catalog (no arguments): every pair matches its expectation, exit 0', async (t) => {
  const pairs = catalog.reduce((n, s) => n + s.protocols.length, 0);
  const r = await cli(['gate']);
  t.is(r.code, 0, r.stdout);
  t.true(r.stdout.endsWith(`\ngate: ${pairs}/${pairs} match\n`), r.stdout.slice(-200));
  t.notRegex(r.stdout, / \* /, 'no mismatch mark');
  t.regex(r.stderr, new RegExp(`\\nmovcheck: gate checked ${pairs} pairs in \\d+\\.\\d\\ds\\n$`));
});
