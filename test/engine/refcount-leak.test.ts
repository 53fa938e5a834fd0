/**
 * Reference leaks of transient threads (threads that must drop every reference
 * they take, like compaction): a leak is an end check, so it is judged on final
 * states only; a reference held while a thread runs is none, and neither is an
 * owner's kept reference; a count that is off for a moment between two steps
 * is caught by a state invariant instead. Exact counts on the refcount toy.
 */
import test from 'ava';
import { buildModel, explore, type ProgramSpec, type Result } from '../../checker/index.ts';
import { refsSpec, type RefsWorld } from '../toys/refs.ts';

/** Each model as built, and with checkWrites (which keeps the object form of the state). */
const BUILDS = [false, true] as const;
const STRATEGIES = ['bfs', 'dfs'] as const;

/** The verdict and counts in one line: `<verdict> [<invariant> <kind> <schedule>] <states>/<transitions>`. */
const summary = (r: Result) =>
  `${r.verdict === 'violation' ? `${r.invariant} ${r.kind} ${r.schedule}` : r.verdict} ${r.stats.states}/${r.stats.transitions}`;

/** Runs `spec` under every strategy and build, and compares with the expected summary per strategy. */
function each(title: string, spec: () => ProgramSpec<RefsWorld>, expected: Record<(typeof STRATEGIES)[number], string>, message?: string) {
  for (const strategy of STRATEGIES) {
    for (const checkWrites of BUILDS) {
      test(`${title} (${strategy}${checkWrites ? ', checkWrites' : ''}): ${expected[strategy]}`, (t) => {
        const r = explore(buildModel(spec(), { checkWrites }), { strategy, progress: null });
        t.is(summary(r), expected[strategy]);
        if (message !== undefined) t.is(r.verdict === 'violation' ? r.message : null, message);
      });
    }
  }
}

// B0 alone, leaky: get (1 state more), then work: ok leads on to put, error returns holding the reference.
// The error branch is the 4th state, final, and fails the end check: 4 states, 3 transitions.
each('a transient thread that finishes holding a reference leaks', () => refsSpec({ borrowers: 1, leaky: true }), {
  bfs: 'refcount-balanced end 00b 4/3',
  dfs: 'refcount-balanced end 00b 4/3',
}, 'B0 finished still holding 1 reference(s) (leak)');

// B0 leaky and B1 correct: B0 has 5 places (before get, before work, before put, done after put,
// done after the leak), B1 has 4: 20 states. The leak needs B0's 2 steps and B1's 3; BFS finds it
// when every state of up to 5 steps is known, all but (B0 done after put, B1 done): 19 states, and
// 32 of the 36 transitions (the 2 left of the depth-4 states and the 2 of the depth-5 states are
// not taken). DFS runs B1 to its end first (get, work, put), then B0 (get, work error): 10 states,
// 10 transitions, one of them B1's second work branch into a state already seen.
each('the leak shows in an interleaving with a correct borrower', () => refsSpec({ leaky: true }), {
  bfs: 'refcount-balanced end 00b11a1 19/32',
  dfs: 'refcount-balanced end 11a100b 10/10',
}, 'B0 finished still holding 1 reference(s) (leak)');

// Two correct borrowers: a place each of 0 get, 1 work, 2 put, done: 4 x 4 = 16 states; each thread
// moves in 4 states of the other, with 1 + 2 + 1 actions: 2 x 4 x 4 = 32 transitions. Each holds a
// reference for a while, and only the final state is judged.
each('references held while the threads run are no leak', () => refsSpec(), { bfs: 'pass 16/32', dfs: 'pass 16/32' });

// B0 correct and an owner O that keeps its reference: 4 x 2 = 8 states, 2 x 4 + 4 x 1 = 12 transitions.
each("an owner's kept reference is no leak", () => refsSpec({ borrowers: 1, owner: true }), { bfs: 'pass 8/12', dfs: 'pass 8/12' });

// get in two steps (inc, own): 5 places each, 25 states, 2 x 5 x (1 + 1 + 2 + 1) = 50 transitions;
// between inc and own the count is one above what is held, and right again after.
each('a count off between two steps is no leak at the end', () => refsSpec({ splitGet: true }), { bfs: 'pass 25/50', dfs: 'pass 25/50' });
each('the same moment fails a state invariant at its first step', () => refsSpec({ splitGet: true, consistent: true }), {
  bfs: 'refcount-consistent state 0 2/1',
  dfs: 'refcount-consistent state 0 2/1',
}, 'refcount 1 but the threads hold 0');

for (const strategy of STRATEGIES) {
  test(`the end check runs once, on the one final state of two correct borrowers (${strategy})`, (t) => {
    const spec = refsSpec();
    let calls = 0;
    const counting = { id: 'count', description: 'counts its calls', check: () => (calls++, null) };
    const r = explore(buildModel({ ...spec, endChecks: [...(spec.endChecks ?? []), counting] }), { strategy, progress: null });
    t.is(summary(r), 'pass 16/32');
    t.is(calls, 1);
  });
}
