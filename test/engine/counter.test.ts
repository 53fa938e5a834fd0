/** The counter toy: the racy increment loses an update, the atomic one does not. */
import test from 'ava';
import { buildModel, explore } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

test('racy counter, 2 threads, bfs: no-lost-update with a shortest trace of 4 steps', (t) => {
  // Every complete run is load+store per thread = 2*2 = 4 steps, and all
  // final states are at depth 4, so bfs's first violation has exactly 4 steps:
  // both threads load 0, both store 1. The first final state bfs reaches with
  // count 1 is via T0 load, T1 load, T0 store, T1 store.
  const r = explore(buildModel(counterSpec(2, false)), { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'no-lost-update');
  t.is(r.kind, 'end');
  t.is(r.message, 'count is 1, expected 2');
  t.is(r.trace.length, 4);
  t.is(r.schedule, '0101');
  t.deepEqual(
    r.trace.map((s) => `${s.threadName}:${s.label}`),
    ['T0:load', 'T1:load', 'T0:store', 'T1:store'],
  );
  t.deepEqual(r.trace.map((s) => s.index), [1, 2, 3, 4]);
  // Loads change no shared state; T0's store writes count = 1; T1's store
  // writes 1 over 1, which is no change at all: the lost update.
  t.deepEqual(r.trace[0]?.changes, []);
  t.deepEqual(r.trace[2]?.changes, [{ op: 'replace', path: ['count'], value: 1 }]);
  t.deepEqual(r.trace[2]?.summary, ['count = 1']);
  t.deepEqual(r.trace[3]?.changes, []);
  t.is(r.trace[2]?.src.code, 'count = tmp + 1');
});

test('racy counter, 3 threads, bfs: shortest trace is 6 steps', (t) => {
  // 3 threads x 2 steps = 6; every final state is at depth 6.
  const r = explore(buildModel(counterSpec(3, false)), { progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'no-lost-update');
  t.is(r.trace.length, 6);
});

test('racy counter, 2 threads: full state space is 12 states, 14 transitions', (t) => {
  // With no checks (only = {}), the search is exhaustive. Thread states:
  // L (before load), S(v) (loaded tmp=v), D (done); c = count.
  //   depth 0: (L,L,0)                                   1 state, 2 actions
  //   depth 1: (S0,L,0) (L,S0,0)                         2 states, 2+2 actions
  //   depth 2: (D,L,1) (S0,S0,0) (L,D,1)                 3 states, 1+2+1 actions
  //   depth 3: (D,S1,1) (D,S0,1) (S0,D,1) (S1,D,1)       4 states, 1 action each
  //   depth 4: (D,D,2) (D,D,1)                           2 states
  // states = 1+2+3+4+2 = 12; transitions = 2+4+4+4 = 14.
  const r = explore(buildModel(counterSpec(2, false), { only: new Set() }), { progress: null });
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 12);
  t.is(r.stats.transitions, 14);
  t.is(r.stats.depth, 4);
});

test('atomic counter passes: 2^n states and n*2^(n-1) transitions', (t) => {
  // A state is the set of threads done (count = its size): 2^n states; each
  // thread not done in a state is one transition: n * 2^(n-1).
  for (const [n, states, transitions] of [
    [2, 4, 4],
    [3, 8, 12],
    [4, 16, 32],
  ] as const) {
    const r = explore(buildModel(counterSpec(n, true), { checkWrites: true }), { progress: null });
    t.is(r.verdict, 'pass', `n=${n}`);
    t.is(r.stats.states, states, `n=${n}`);
    t.is(r.stats.transitions, transitions, `n=${n}`);
  }
});

test('racy counter: dfs also finds no-lost-update', (t) => {
  const r = explore(buildModel(counterSpec(3, false)), { strategy: 'dfs', progress: null });
  if (r.verdict !== 'violation') return t.fail(`expected a violation, got ${r.verdict}`);
  t.is(r.invariant, 'no-lost-update');
  t.is(r.kind, 'end');
  // Every complete run of 3 threads has 6 steps, so dfs's trace has 6 too.
  t.is(r.trace.length, 6);
});

test('racy counter declares its writes correctly (checkWrites)', (t) => {
  const r = explore(buildModel(counterSpec(3, false), { checkWrites: true }), { progress: null });
  t.is(r.verdict, 'violation');
});
