/**
 * `--only INV[,INV...]` on run, gate and report, and `only` in expectations:
 * only the named invariants are checked (no-hang only when named), unknown ids
 * are exit 2 before any search, and an expectation can ask for a consequence
 * (no-hang) that a precursor (no-lost-flag-update) is otherwise reported before.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explore } from '../../checker/index.ts';
import { checkingOnly, hangChecked, parseOnly } from '../../cli/only.ts';
import { UsageError } from '../../cli/errors.ts';
import { pass, violation } from '../../scenarios/define.ts';
import abba from '../fixtures/abba.ts';
import { FX, cli } from './_helpers.ts';

const R2 = 'r2-release-isolated-page';

/** A JSON file in a fresh temporary directory. */
function jsonFile(data: unknown): string {
  const f = join(mkdtempSync(join(tmpdir(), 'movcheck-only-')), 'expect.json');
  writeFileSync(f, JSON.stringify(data));
  return f;
}

test('parseOnly splits commas, trims, drops repeats; an empty item is bad input', (t) => {
  t.is(parseOnly([]), null);
  t.deepEqual(parseOnly(['a,b', ' c ', 'a']), ['a', 'b', 'c']);
  t.throws(() => parseOnly(['a,,b']), { instanceOf: UsageError, message: /^--only expects invariant ids separated by commas, got 'a,,b'; / });
  t.throws(() => parseOnly(['']), { instanceOf: UsageError });
});

test('checkingOnly and hangChecked: a hang is reported only when no-hang is checked', (t) => {
  const model = abba.build({ id: 'toy', title: 'toy', description: '', layout: { isolated: 0, movable: null, mapcountMarker: false }, fns: {} });
  t.like(explore(model, { progress: null }), { verdict: 'violation', invariant: 'no-hang' });
  const hang = new Set(['no-hang']);
  t.like(explore(checkingOnly(model, hang), { progress: null, checkHang: hangChecked(hang) }), { verdict: 'violation', invariant: 'no-hang' });
  const none = new Set<string>();
  t.false(hangChecked(none));
  const r = explore(checkingOnly(model, none), { progress: null, checkHang: hangChecked(none) });
  t.is(r.verdict, 'pass', 'the deadlocked states are ends without checks, and the search goes on past them');
  t.true(r.stats.states > explore(model, { progress: null }).stats.states);
  t.is(checkingOnly(model, null), model);
});

test('run --only no-hang reports the consequence the precursor hides (r2 under v4.10)', async (t) => {
  const all = await cli(['run', R2, '--protocol', 'v4.10']);
  t.regex(all.stdout, /^verdict: +VIOLATION of no-lost-flag-update/m);
  t.notRegex(all.stdout, /^checked:/m);
  const r = await cli(['run', R2, '--protocol', 'v4.10', '--only', 'no-hang']);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stdout, /^verdict: +VIOLATION of no-hang \(hang: no thread can move\)$/m);
  // 4.8's bit-waitqueue sleeper writes no PG_waiters: nothing to lose, nobody left asleep.
  t.is((await cli(['run', R2, '--protocol', 'v4.8', '--only', 'no-hang'])).code, 0);
  t.regex(r.stdout, /^checked: +only no-hang \(no other invariant was checked\)$/m);
});

test('run --only an invariant that cannot fail: pass, even where other invariants fail', async (t) => {
  const r = await cli(['run', R2, '--protocol', 'v4.8', '--only', 'no-double-isolation,mapcount-consistent']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^verdict: +PASS/m);
  t.regex(r.stdout, /^checked: +only no-double-isolation, mapcount-consistent /m);
  const json = JSON.parse((await cli(['run', R2, '--protocol', 'v4.8', '--only', 'no-hang', '--format', 'json'])).stdout);
  t.deepEqual(json.results[0].only, ['no-hang']);
});

test('run --only without no-hang goes past deadlocks (toy ABBA passes)', async (t) => {
  const r = await cli(['run', FX.abba, '--protocol', FX.toy, '--only', 'no-hang']);
  t.is(r.code, 1);
  const s = await cli(['run', FX.racy, '--protocol', FX.toy, '--only', 'no-hang']);
  t.is(s.code, 0, s.stderr);
});

for (const cmd of ['run', 'gate', 'report'] as const) {
  test(`${cmd} --only with an unknown invariant: exit 2 naming the valid ones, before any search`, async (t) => {
    const out = join(mkdtempSync(join(tmpdir(), 'movcheck-only-')), 'r');
    const args = cmd === 'run' ? [cmd, R2, '--only', 'no-hang,no-such-thing'] : [cmd, R2, '--only', 'no-such-thing', ...(cmd === 'report' ? ['--out', out] : [])];
    const r = await cli(args);
    t.is(r.code, 2);
    t.is(r.stdout, '');
    t.regex(r.stderr, /^movcheck: unknown invariant 'no-such-thing' in --only; valid: .*\bno-lost-flag-update\b.*\bno-hang\n$/);
  });
}

test('gate --only checks just those invariants: expected passes stay passes', async (t) => {
  const r = await cli(['gate', 'parallel-compaction', '--only', 'no-double-isolation']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /gate: 14\/14 match/);
});

test('an expectations entry with "only" asks for the consequence (no-hang), and the gate matches it', async (t) => {
  const f = jsonFile({ [R2]: { 'v4.10': { expect: 'no-hang', only: ['no-hang'] } } });
  const r = await cli(['gate', R2, '--protocol', 'v4.10', '--expect', f]);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /gate: 1\/1 match/);
});

const badEntries: [string, unknown, RegExp][] = [
  ['only without the expected invariant', { expect: 'no-hang', only: ['no-lost-flag-update'] }, /expects no-hang but its "only" \[no-lost-flag-update\] does not check it/],
  ['unknown key', { expect: 'no-hang', onyl: ['no-hang'] }, /has unknown key 'onyl' \(valid: expect, only\)/],
  ['empty only', { expect: 'pass', only: [] }, /"only" must be a non-empty list of invariant ids/],
  ['no expect', { only: ['no-hang'] }, /needs "expect": "pass" or an invariant id/],
  ['unknown invariant in only', { expect: 'pass', only: ['no-such'] }, /unknown invariant 'no-such' in the "only" of the expectations file's entry for 'r2-release-isolated-page' under 'v4\.8'; valid: /],
  ['a number', 3, /must be "pass" or an invariant id, got 3; it must be JSON like .*\{"expect": "<invariant-id>", "only": \["<invariant-id>"\]\}/],
];
for (const [name, entry, re] of badEntries) {
  test(`expectations entry: ${name} is bad input (exit 2, one line)`, async (t) => {
    const r = await cli(['gate', R2, '--protocol', 'v4.8', '--expect', jsonFile({ [R2]: { 'v4.8': entry } })]);
    t.is(r.code, 2, r.stdout);
    t.regex(r.stderr, re);
    t.is(r.stderr.split('\n').length, 2, r.stderr);
  });
}

test('a scenario expectation may carry only; violation() insists that only includes the invariant', (t) => {
  t.deepEqual(violation('no-hang', 'w', { only: ['no-hang'] }), { verdict: 'violation', invariant: 'no-hang', why: 'w', only: ['no-hang'] });
  t.deepEqual(pass('w', { only: ['a'] }), { verdict: 'pass', why: 'w', only: ['a'] });
  t.deepEqual(pass('w'), { verdict: 'pass', why: 'w' });
  t.throws(() => violation('no-hang', 'w', { only: ['x'] }), { message: /must include it/ });
});
