/**
 * Symmetry reduction (--symmetry) on a toy worked out by hand, its safety
 * checks (a renaming that forgets a field, a start that is not symmetric),
 * and real traces from renamed states.
 */
import test from 'ava';
import { buildModel, explore, replay } from '../../checker/index.ts';
import { slotsSpec } from '../toys/slots.ts';

test('slots, 2 threads: 12 states, 7 with symmetry', (t) => {
  // A thread is before take (0), holding the lock before inc (1) or before give (2), or done (3); the lock
  // keeps at most one thread in {1, 2}, and the world follows from the positions.
  // Ordered pairs: 16 - 4 (both in {1,2}) = 12. Unordered: 10 multisets - 3 ({1,1}, {1,2}, {2,2}) = 7.
  t.is(explore(buildModel(slotsSpec(2)), { progress: null }).stats.states, 12);
  t.is(explore(buildModel(slotsSpec(2)), { progress: null, symmetry: true }).stats.states, 7);
});

test('slots, 3 threads: 32 states, 10 with symmetry', (t) => {
  // Nobody holds the lock: 2^3 = 8 (each thread before take or done); one holds it: 3 threads x 2 positions x 2^2 = 24.
  // Up to renaming: 4 multisets of {0, 3} of size 3, plus 2 positions x 3 multisets of size 2 = 10.
  t.is(explore(buildModel(slotsSpec(3)), { progress: null }).stats.states, 32);
  t.is(explore(buildModel(slotsSpec(3)), { progress: null, symmetry: true }).stats.states, 10);
  t.is(explore(buildModel(slotsSpec(3)), { progress: null, symmetry: true, exact: true }).stats.states, 10, 'exact');
  t.is(explore(buildModel(slotsSpec(3)), { progress: null, symmetry: true, strategy: 'dfs' }).stats.states, 10, 'dfs');
});

test('without a symmetry declaration, --symmetry changes nothing', (t) => {
  t.is(explore(buildModel(slotsSpec(3, { symmetric: false })), { progress: null, symmetry: true }).stats.states, 32);
});

test('a renaming that forgets a field naming a thread is caught before the search trusts it', (t) => {
  const e = t.throws(() => explore(buildModel(slotsSpec(2, { forgetOwner: true })), { progress: null, symmetry: true }));
  // Which of the two threads the warm-up catches first depends on its schedule: either order.
  t.regex(e?.message ?? '', /^symmetry: threads (0 and 1|1 and 0) are declared interchangeable, but the step and the renaming do not commute/);
});

test('threads whose starts differ are not interchangeable: an error, not a reduced search', (t) => {
  const e = t.throws(() => explore(buildModel(slotsSpec(2, { start: [0, 5] })), { progress: null, symmetry: true }));
  t.regex(e?.message ?? '', /swapping them changes the initial state/);
});

test('a counterexample found on renamed states is a real trace of the model, as short as without symmetry', (t) => {
  // At most one slot may be bumped: the shortest violation is one thread's take, inc, give, then another's take, inc.
  const spec = slotsSpec(3);
  const atMostOne = { id: 'one-bump', description: 'at most one slot bumped', check: (s: { w: { c: number[] } }) => (s.w.c.filter((v) => v > 0).length <= 1 ? null : `slots ${s.w.c.join(',')}`) };
  const model = buildModel({ ...spec, stateInvariants: [atMostOne] });
  const plain = explore(model, { progress: null });
  const r = explore(model, { progress: null, symmetry: true });
  if (r.verdict !== 'violation' || plain.verdict !== 'violation') return t.fail(r.verdict);
  t.is(r.invariant, 'one-bump');
  t.is(r.trace.length, 5);
  t.is(r.trace.length, plain.trace.length);
  t.is(r.message, 'slots 1,1,0');
  t.is(r.schedule, '00011');
  const again = replay(model, r.schedule);
  t.is(again.violation?.invariant, 'one-bump');
  t.is(again.violation?.atStep, 5);
  t.true(r.stats.states < plain.stats.states);
});

test('an invariant that tells interchangeable threads apart is caught', (t) => {
  const spec = slotsSpec(3);
  const model = buildModel({
    ...spec,
    stateInvariants: [{ id: 'slot-2-untouched', description: 'c[2] stays 0', check: (s) => (s.w.c[2] === 0 ? null : `c[2] is ${s.w.c[2]}`) }],
  });
  const e = t.throws(() => explore(model, { progress: null, symmetry: true }));
  t.regex(e?.message ?? '', /invariant slot-2-untouched holds on one of two renamed states and not on the other/);
});
