/** Peterson's lock: the correct algorithm keeps mutual exclusion, the variant without the turn handoff does not. */
import test from 'ava';
import { buildModel, explore, replay } from '../../checker/index.ts';
import { petersonSpec } from '../toys/peterson.ts';

for (const rounds of [1, 2, 3]) {
  for (const strategy of ['bfs', 'dfs'] as const) {
    test(`Peterson passes (${rounds} round(s), ${strategy})`, (t) => {
      const r = explore(buildModel(petersonSpec({ rounds }), { checkWrites: true }), { strategy, progress: null });
      t.is(r.verdict, 'pass');
      t.true(r.stats.states > 1);
    });
  }
}

test('Peterson without the turn handoff violates mutual-exclusion in 6 steps', (t) => {
  // turn stays 0: P0 always walks in; P1 walks in while flag[0] is false.
  // Shortest: P1 flag, P1 await (flag[0] false), P0 flag, P0 await (turn == 0),
  // P0 enter, P1 enter = 6 steps (P1 must pass await before P0 raises its flag,
  // and each thread needs flag, await, enter).
  const model = buildModel(petersonSpec({ broken: true }), { checkWrites: true });
  const r = explore(model, { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'mutual-exclusion');
  t.is(r.kind, 'state');
  t.is(r.message, 'both threads are in the critical section');
  t.is(r.trace.length, 6);
  t.is(r.schedule, '110001');
  t.deepEqual(
    r.trace.map((s) => `${s.threadName}:${s.label}`),
    ['P1:flag', 'P1:await', 'P0:flag', 'P0:await', 'P0:enter', 'P1:enter'],
  );
  t.is(replay(model, r.schedule).violation?.invariant, 'mutual-exclusion');
});

test('broken Peterson is also caught by dfs', (t) => {
  const r = explore(buildModel(petersonSpec({ broken: true, rounds: 2 })), { strategy: 'dfs', progress: null });
  t.is(r.verdict, 'violation');
  t.is(r.verdict === 'violation' ? r.invariant : null, 'mutual-exclusion');
});

test('the correct Peterson never admits both threads on any schedule of the broken one', (t) => {
  // The broken counterexample's prefix P1 flag, P1 turn... differs; check the
  // correct model blocks P1 entering after P0: P0 flag, P0 turn, P1 flag, P1 turn,
  // P0 await (turn == 0 now, so P0 may pass), P0 enter; P1 must now be asleep.
  const model = buildModel(petersonSpec());
  const r = replay(model, '001100');
  t.is(r.violation, null);
  t.deepEqual(r.trace.map((s) => s.label), ['flag', 'turn', 'flag', 'turn', 'await', 'enter']);
  // Only P0 can move; P1 is asleep on the await.
  let s = model.init();
  for (const step of r.trace) {
    const a = model.actions(s).find((x) => x.thread === step.thread);
    if (!a) return t.fail('schedule step not enabled');
    s = model.apply(s, a);
  }
  t.deepEqual(model.actions(s).map((a) => a.thread), [0]);
});
