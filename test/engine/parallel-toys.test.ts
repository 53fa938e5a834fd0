/**
 * The parallel search on toys counted by hand: the racy counter's 12 states
 * and 14 transitions (test/engine/counter.test.ts works them out) on two and
 * three workers, its lost update found at the shortest length (4 steps); and
 * a program whose locals the first layout has no room for, where a worker
 * meets the growth and the search starts again knowing it: 9 states and 12
 * transitions, as one thread finds. Its own file: the layout a build learns
 * stays with the process, and the growth must be met in the workers.
 */
import test from 'ava';
import { explore } from '../../checker/index.ts';
import { counterModel, counterSource, neverEndsModel, neverEndsSource, wideModel, wideSource } from '../toys/parallel-sources.ts';

test('a program wider than the first layout: a worker meets the growth, the search starts again, 9 states and 12 transitions', (t) => {
  // Dead locals off: no warm-up, so the coordinator hands the workers the first guess.
  const r = explore(wideModel(), { progress: null, widenAfter: 0, deadLocals: false, workers: 2, source: wideSource });
  t.like(r, { verdict: 'pass' });
  t.deepEqual([r.stats.states, r.stats.transitions], [9, 12]);
  t.true((r.stats.fingerprint?.restarts ?? 0) >= 1);
  const one = explore(wideModel(), { progress: null, widenAfter: 0, deadLocals: false });
  t.deepEqual([one.stats.states, one.stats.transitions], [9, 12]);
});

test('racy counter, two and three workers: 12 states and 14 transitions (nothing checked)', (t) => {
  for (const workers of [2, 3]) {
    const arg = { n: 2, atomic: false, only: [] };
    const r = explore(counterModel(arg), { progress: null, widenAfter: 0, workers, source: counterSource(arg), checkHang: false });
    t.deepEqual([r.verdict, r.stats.states, r.stats.transitions, r.stats.depth], ['pass', 12, 14, 4], `${workers} workers`);
  }
});

test('racy counter, two workers: the lost update at 4 steps, the shortest', (t) => {
  const arg = { n: 2, atomic: false };
  const r = explore(counterModel(arg), { progress: null, widenAfter: 0, workers: 2, source: counterSource(arg) });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.invariant, 'no-lost-update');
  t.is(r.trace.length, 4);
  t.is(r.message, 'count is 1, expected 2');
});

test('an end check that fails on a state another worker found: reported at the shortest length (3 atomic increments)', (t) => {
  // The last increment changes the world, so its state's owner is named by another world than its parent's: with
  // three threads the final state crosses to the other worker, which must check it.
  const r = explore(neverEndsModel(3), { progress: null, widenAfter: 0, workers: 2, source: neverEndsSource(3) });
  if (r.verdict !== 'violation') return t.fail(r.verdict);
  t.like(r, { invariant: 'count-past-threads', kind: 'end', message: 'count is 3' });
  t.is(r.trace.length, 3);
});
