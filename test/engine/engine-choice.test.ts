/**
 * Which search runs: the packed one by default for a model built from thread
 * programs (64-bit fingerprints unless `exact`), the object one when asked
 * or when the model has no packed form; both say so in their stats, and both
 * report the search's wall time in seconds.
 */
import test from 'ava';
import { buildModel, explore, type Model } from '../../checker/index.ts';
import { defaultMaxMemory } from '../../checker/explore.ts';
import { totalmem } from 'node:os';
import { counterSpec } from '../toys/counter.ts';

const quiet = () => buildModel(counterSpec(4, false), { only: new Set() });
// 330 states: the birthday bound of 64-bit fingerprints, 330 * 329 / 2 / 2^64.
const BOUND_330 = (330 * 329) / 2 / 2 ** 64;

test('default: the packed search with 64-bit fingerprints', (t) => {
  const r = explore(quiet(), { progress: null });
  t.is(r.stats.states, 330);
  t.is(r.stats.fingerprint?.kind, 'hash64');
  t.is(r.stats.fingerprint?.collisionProbability, BOUND_330);
  t.is(r.stats.fingerprint?.restarts, 0);
  t.true((r.stats.fingerprint?.visitedBytes ?? 0) > 0);
});

test('exact: the packed search storing whole states', (t) => {
  const r = explore(quiet(), { progress: null, exact: true });
  t.is(r.stats.states, 330);
  t.is(r.stats.fingerprint?.kind, 'exact');
  t.is(r.stats.fingerprint?.collisionProbability, 0);
  t.true((r.stats.fingerprint?.visitedBytes ?? 0) > 0);
});

test('exact: false is the default', (t) => {
  t.is(explore(quiet(), { progress: null, exact: false }).stats.fingerprint?.kind, 'hash64');
});

test("engine 'object': the object search, whose stats have no fingerprint part", (t) => {
  const r = explore(quiet(), { progress: null, engine: 'object' });
  t.is(r.stats.states, 330);
  t.is(r.stats.fingerprint, undefined);
  t.is(explore(quiet(), { progress: null, engine: 'packed' }).stats.fingerprint?.kind, 'hash64');
});

test('a model without a packed form gets the object search whatever is asked', (t) => {
  const { packed: _packed, ...plain } = quiet();
  const model = plain as Model<unknown>;
  for (const engine of [undefined, 'packed', 'object'] as const) {
    const r = explore(model, { progress: null, ...(engine ? { engine } : {}) });
    t.is(r.stats.states, 330, String(engine));
    t.is(r.stats.fingerprint, undefined, String(engine));
  }
});

test('stats.seconds is the wall time of the search, in seconds (both searches)', (t) => {
  for (const engine of ['object', 'packed'] as const) {
    const t0 = performance.now();
    const r = explore(quiet(), { progress: null, engine });
    const elapsed = (performance.now() - t0) / 1000;
    t.true(r.stats.seconds > 0 && r.stats.seconds <= elapsed, `${engine}: ${r.stats.seconds} s of ${elapsed} s`);
  }
});

test('the default memory bound is half the machine, in MiB, at most 16 GiB', (t) => {
  t.is(defaultMaxMemory(), Math.min(16384, Math.floor(totalmem() / 2 / 2 ** 20)));
});
