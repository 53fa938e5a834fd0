/** Two threads of two independent steps: interleavings, distinct states and transitions, counted by hand. */
import test from 'ava';
import { buildModel, explore, type Model } from '../../checker/index.ts';
import { independentSpec } from '../toys/independent.ts';

/** Every complete schedule from `s`: a plain DFS over model.actions, no visited set. */
function schedules<S>(model: Model<S>, s: S = model.init(), prefix = ''): string[] {
  const acts = model.actions(s);
  if (acts.length === 0) return [prefix];
  return acts.flatMap((a) => schedules(model, model.apply(s, a), prefix + String(a.thread)));
}

test('two threads of two steps have exactly 6 interleavings', (t) => {
  // A schedule is a word of two 0s and two 1s: C(4,2) = 4!/(2!*2!) = 6.
  const all = schedules(buildModel(independentSpec()));
  t.deepEqual(all.sort(), ['0011', '0101', '0110', '1001', '1010', '1100']);
});

test('all 6 interleavings end in the same final world', (t) => {
  const model = buildModel(independentSpec());
  const finals = new Set<string>();
  const walk = (s: ReturnType<typeof model.init>): void => {
    const acts = model.actions(s);
    if (acts.length === 0) {
      t.true(model.isDone(s));
      finals.add(model.fingerprint(s));
      return;
    }
    for (const a of acts) walk(model.apply(s, a));
  };
  walk(model.init());
  t.is(finals.size, 1);
});

test('explore reports 9 distinct states and 12 transitions', (t) => {
  // A state is the pair of program counters, each in {before a, before b, done}:
  // 3 x 3 = 9 states (the world is a function of the pcs).
  // Transitions: one per (state, thread not done). Thread 0 is not done in
  // 2 of its 3 positions, for each of the 3 positions of thread 1: 2*3 = 6;
  // the same for thread 1: 6 + 6 = 12. Depth: 4 steps in all.
  const r = explore(buildModel(independentSpec(), { checkWrites: true }), { progress: null });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 9);
  t.is(r.stats.transitions, 12);
  t.is(r.stats.depth, 4);
});

test('dfs visits the same 9 states and 12 transitions as bfs', (t) => {
  const r = explore(buildModel(independentSpec()), { strategy: 'dfs', progress: null });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 9);
  t.is(r.stats.transitions, 12);
});
