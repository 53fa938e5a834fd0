/**
 * Bounds of the packed search are promises: a memory bound ends in
 * `incomplete` (bound max-memory), never a crash or a pass, and so does a
 * state bound, with exactly the bound's number of states.
 */
import test from 'ava';
import { buildModel, explore } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

test('max-memory: a search whose tables pass the bound is incomplete with bound max-memory', (t) => {
  // Six racy incrementers: thousands of states before BFS meets the lost update at the last level; the tables alone pass 1 MiB.
  const racy = buildModel(counterSpec(6, false));
  const r = explore(racy, { progress: null, maxMemory: 1 });
  t.is(r.verdict, 'incomplete');
  if (r.verdict === 'incomplete') {
    t.is(r.bound, 'max-memory');
    t.is(r.limit, 1);
  }
});

test('max-states: incomplete after exactly the bound, in both searches', (t) => {
  const model = buildModel(counterSpec(4, true));
  // 4 atomic incrementers: a state is the set of threads done (the count is its size): 2^4 = 16 states.
  t.is(explore(model, { progress: null }).stats.states, 16);
  for (const engine of ['packed', 'object'] as const) {
    const r = explore(model, { progress: null, maxStates: 10, engine });
    t.is(r.verdict, 'incomplete', engine);
    t.is(r.stats.states, 10, engine);
  }
});
