/**
 * The JSON Schemas of schemas/ against real outputs: `run --format json`
 * (violation, pass, incomplete, with parameters), `replay --format json`,
 * the whole catalog's `results.json` from `report`, `--format itf`, and the
 * expectations files the gate reads (and some it rejects). Each output
 * carries its format version.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FX, ROOT, cli } from '../cli/_helpers.ts';
import { SchemaSet } from './_validate.ts';

const schemas = new SchemaSet(join(ROOT, 'schemas'));
const P = ['--protocol', FX.toy];

test('the validator reports what is wrong, and refuses keywords outside its subset', (t) => {
  const ok = { formatVersion: 1, replay: { scenario: 's', protocol: 'p', params: null, threads: [], schedule: '', steps: 0, violation: null, trace: [] } };
  t.deepEqual(schemas.validate('replay.schema.json', ok), []);
  t.deepEqual(schemas.validate('replay.schema.json', { ...ok, formatVersion: 2, extra: 1 }), ['$.formatVersion: is 2, expected 1', '$.extra: not allowed']);
  t.deepEqual(schemas.validate('replay.schema.json', { replay: { ...ok.replay, steps: -1, violation: { invariant: 'x' } } }), [
    '$: missing formatVersion',
    '$.replay.steps: -1 is below 0',
    '$.replay.violation: matches none of oneOf',
  ]);
  t.deepEqual(schemas.validate('expectations.schema.json', { s: { v: '' } }), ['$.s.v: matches none of oneOf']);
  const odd = new SchemaSet(join(ROOT, 'test/schemas'));
  t.throws(() => odd.validate('_odd.schema.json', {}), { message: /keyword uniqueItems .* outside the validator's subset/ });
});

test('run --format json validates against results.schema.json: violation, pass, incomplete', async (t) => {
  for (const args of [
    ['run', FX.abba, ...P],
    ['run', FX.atomic, ...P],
    ['run', FX.racy3, ...P, '--max-states', '3'],
    ['run', 'r6-putback-unlocked-clear'],
    ['run', 'parallel-compaction', '--protocol', 'v4.8', '--param', 'threads=1', '--only', 'no-double-isolation'],
  ]) {
    const r = await cli([...args, '--format', 'json']);
    t.not(r.code, 2, r.stderr);
    const doc = JSON.parse(r.stdout);
    t.is(doc.formatVersion, 1);
    t.deepEqual(schemas.validate('results.schema.json', doc), [], args.join(' '));
  }
});

test('replay --format json validates against replay.schema.json', async (t) => {
  for (const schedule of ['0a 0 1a 1', '0a']) {
    const r = await cli(['replay', FX.abba, ...P, '--schedule', schedule, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    t.is(doc.formatVersion, 1);
    t.deepEqual(schemas.validate('replay.schema.json', doc), [], schedule);
  }
});

test("report's results.json of the whole catalog validates against results.schema.json", async (t) => {
  t.timeout(300_000, 'searches the whole catalog');
  const out = join(mkdtempSync(join(tmpdir(), 'movcheck-schema-')), 'r');
  const r = await cli(['report', '--out', out]);
  t.is(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  t.true(doc.results.length > 90);
  t.deepEqual(schemas.validate('results.schema.json', doc), []);
  // The schema is strict: a misspelt field is caught.
  t.deepEqual(schemas.validate('results.schema.json', { ...doc, results: [{ ...doc.results[0], verdikt: 'pass' }] }), ['$.results[0].verdikt: not allowed']);
});

test('--format itf validates against itf.schema.json (run and replay)', async (t) => {
  for (const args of [
    ['run', FX.abba, ...P],
    ['run', FX.atomic, ...P],
    ['run', 'r6-putback-unlocked-clear', '--protocol', 'v3-reviewed'],
    ['replay', 'r6-putback-unlocked-clear', '--protocol', 'v3-reviewed', '--schedule', '111'],
  ]) {
    const r = await cli([...args, '--format', 'itf']);
    t.not(r.code, 2, r.stderr);
    t.deepEqual(schemas.validate('itf.schema.json', JSON.parse(r.stdout)), [], args.join(' '));
  }
});

test('expectations files: those the gate reads validate, those it rejects do not', async (t) => {
  for (const f of readdirSync(join(ROOT, 'test/fixtures')).filter((x) => x.endsWith('.json'))) {
    t.deepEqual(schemas.validate('expectations.schema.json', JSON.parse(readFileSync(join(ROOT, 'test/fixtures', f), 'utf8'))), [], f);
  }
  const good = {
    $schema: './node_modules/movcheck/schemas/expectations.schema.json',
    formatVersion: 1,
    'r6-putback-unlocked-clear': { v3: 'movable-cleared-under-lock', 'v4.8': { expect: 'pass', only: ['no-hang'] } },
  };
  t.deepEqual(schemas.validate('expectations.schema.json', good), []);
  const bad: unknown[] = [
    { formatVersion: 2 },
    { s: 'pass' },
    { s: { v: { expect: 'pass', extra: 1 } } },
    { s: { v: { expect: 'x', only: [] } } },
    { s: { v: { only: ['x'] } } },
  ];
  for (const doc of bad) t.not(schemas.validate('expectations.schema.json', doc).length, 0, JSON.stringify(doc));
  // The gate agrees: the same files are bad input (exit 2), and the good one is read.
  const dir = mkdtempSync(join(tmpdir(), 'movcheck-expect-'));
  const { writeFileSync } = await import('node:fs');
  for (const [i, doc] of bad.entries()) {
    const f = join(dir, `bad${i}.json`);
    writeFileSync(f, JSON.stringify(doc));
    t.is((await cli(['gate', FX.atomic, ...P, '--expect', f])).code, 2, JSON.stringify(doc));
  }
  const f = join(dir, 'good.json');
  writeFileSync(f, JSON.stringify({ $schema: 'x', formatVersion: 1, 'toy-atomic-counter': { toy: 'pass' } }));
  t.is((await cli(['gate', FX.atomic, ...P, '--expect', f])).code, 0);
});
