/** Bounds: a search cut by maxStates, maxDepth or timeLimit is `incomplete`, never `pass`. */
import test from 'ava';
import { buildModel, explore, type ExploreOptions } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

// Racy counter with 4 threads and no checks (only = {}): exhaustive, it passes
// with 330 states, 740 transitions and depth 8 (4 threads x load+store).
const quiet = () => buildModel(counterSpec(4, false), { only: new Set() });
// The same with its end check: a violation sits at depth 8.
const checked = () => buildModel(counterSpec(4, false));

const run = (opts: ExploreOptions, model = quiet()) => explore(model, { progress: null, ...opts });

test('without bounds the 4-thread racy counter (no checks) passes: 330 states, depth 8', (t) => {
  const r = run({});
  t.is(r.verdict, 'pass');
  t.is(r.stats.states, 330);
  t.is(r.stats.transitions, 740);
  t.is(r.stats.depth, 8);
});

for (const strategy of ['bfs', 'dfs'] as const) {
  test(`maxStates cut (${strategy}): incomplete, bound max-states`, (t) => {
    const r = run({ strategy, maxStates: 100 });
    if (r.verdict !== 'incomplete') return t.fail(`expected incomplete, got ${r.verdict}`);
    t.is(r.bound, 'max-states');
    t.is(r.limit, 100);
    t.is(r.stats.states, 100);
  });

  test(`maxDepth cut (${strategy}): incomplete, bound max-depth`, (t) => {
    const r = run({ strategy, maxDepth: 4 });
    if (r.verdict !== 'incomplete') return t.fail(`expected incomplete, got ${r.verdict}`);
    t.is(r.bound, 'max-depth');
    t.is(r.limit, 4);
    t.true(r.stats.depth <= 4);
  });

  test(`timeLimit cut (${strategy}): incomplete, bound time-limit`, (t) => {
    // The clock is read every 256 expansions; 330 states give more than 256,
    // and any positive elapsed time exceeds a limit of 0 seconds.
    const r = run({ strategy, timeLimit: 0 });
    if (r.verdict !== 'incomplete') return t.fail(`expected incomplete, got ${r.verdict}`);
    t.is(r.bound, 'time-limit');
    t.is(r.limit, 0);
  });
}

test('bfs with maxDepth 7 on a model with an end check at depth 8: incomplete, not pass', (t) => {
  // The only check is at depth 8, which the bound keeps out of reach.
  const r = run({ maxDepth: 7 }, checked());
  t.is(r.verdict, 'incomplete');
  t.is(r.verdict === 'incomplete' ? r.bound : null, 'max-depth');
});

test('bfs with maxStates below the violation: incomplete, not pass', (t) => {
  // Exhaustive bfs meets the violation at its 328th state.
  const r = run({ maxStates: 200 }, checked());
  t.is(r.verdict, 'incomplete');
  t.is(r.verdict === 'incomplete' ? r.bound : null, 'max-states');
});

test('no bounded search ever reports pass when cut', (t) => {
  for (const strategy of ['bfs', 'dfs'] as const) {
    for (const maxStates of [1, 2, 50, 329]) {
      t.is(run({ strategy, maxStates }).verdict, 'incomplete', `${strategy} maxStates ${maxStates}`);
    }
    for (const maxDepth of [0, 1, 5, 7]) {
      t.is(run({ strategy, maxDepth }).verdict, 'incomplete', `${strategy} maxDepth ${maxDepth}`);
    }
  }
});

test('bounds that are not hit still give pass', (t) => {
  // 330 states exactly fit maxStates 330; depth-8 states have no actions, so
  // maxDepth 8 cuts nothing; an hour is more than this search takes.
  for (const strategy of ['bfs', 'dfs'] as const) {
    t.is(run({ strategy, maxStates: 330 }).verdict, 'pass', `${strategy} maxStates`);
    t.is(run({ strategy, maxDepth: 8 }).verdict, 'pass', `${strategy} maxDepth`);
    t.is(run({ strategy, timeLimit: 3600 }).verdict, 'pass', `${strategy} timeLimit`);
    t.is(run({ strategy, maxStates: 330, maxDepth: 8, timeLimit: 3600 }).verdict, 'pass', `${strategy} all`);
  }
});

test('a violation within the bounds is still reported', (t) => {
  const r = run({ maxStates: 1000, maxDepth: 8 }, checked());
  t.is(r.verdict, 'violation');
});
