/**
 * Bounds cut the object search exactly where they cut the packed one: the
 * same verdict, bound, limit, states, transitions and depth, under bfs and
 * dfs. The toy is the 4-thread racy counter with no checks (330 states, 740
 * transitions, depth 8). The clock and memory are read every 256 expansions,
 * so a time limit of 0 (or any limit the search has already passed) cuts at
 * the 256th expansion, and the object search's memory check (every 4096
 * expansions, shown on a chain of states) at the 4096th.
 */
import test from 'ava';
import { buildModel, explore, type Bound, type ExploreOptions, type ProgramSpec, type Result } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

const quiet = (n = 4) => buildModel(counterSpec(n, false), { only: new Set() });

/** Everything deterministic about a result. */
const key = (r: Result) => ({
  verdict: r.verdict,
  bound: r.verdict === 'incomplete' ? r.bound : null,
  limit: r.verdict === 'incomplete' ? r.limit : null,
  states: r.stats.states,
  transitions: r.stats.transitions,
  depth: r.stats.depth,
});

type Key = ReturnType<typeof key>;
const pass: Key = { verdict: 'pass', bound: null, limit: null, states: 330, transitions: 740, depth: 8 };
const cut = (bound: Bound, limit: number, states: number, transitions: number, depth: number): Key => ({ verdict: 'incomplete', bound, limit, states, transitions, depth });

const cases: { name: string; opts: ExploreOptions; bfs: Key; dfs: Key }[] = [
  { name: 'no bound', opts: {}, bfs: pass, dfs: pass },
  { name: 'maxStates 100', opts: { maxStates: 100 }, bfs: cut('max-states', 100, 100, 134, 4), dfs: cut('max-states', 100, 100, 164, 8) },
  { name: 'maxDepth 4', opts: { maxDepth: 4 }, bfs: cut('max-depth', 4, 104, 144, 4), dfs: cut('max-depth', 4, 104, 144, 4) },
  // Depth-8 states have no actions: a bound at their depth cuts nothing.
  { name: 'maxDepth 8 (only finished states at the bound)', opts: { maxDepth: 8 }, bfs: pass, dfs: pass },
  { name: 'timeLimit 0', opts: { timeLimit: 0 }, bfs: cut('time-limit', 0, 319, 641, 7), dfs: cut('time-limit', 0, 261, 539, 8) },
  { name: 'timeLimit 1e-9 (positive, already passed)', opts: { timeLimit: 1e-9 }, bfs: cut('time-limit', 1e-9, 319, 641, 7), dfs: cut('time-limit', 1e-9, 261, 539, 8) },
  { name: 'timeLimit 3600 (not hit)', opts: { timeLimit: 3600 }, bfs: pass, dfs: pass },
];

for (const c of cases) {
  for (const strategy of ['bfs', 'dfs'] as const) {
    for (const engine of ['object', 'packed'] as const) {
      test(`${c.name} (${strategy}, ${engine} search)`, (t) => {
        t.deepEqual(key(explore(quiet(), { progress: null, strategy, engine, ...c.opts })), c[strategy]);
      });
    }
  }
}

test('maxMemory 1 MiB cuts the object search at its first memory check, the 4096th expansion', (t) => {
  // One thread counting to 5000: a chain of 5001 states, one discovered per expansion.
  const chain: ProgramSpec<{ n: number }> = {
    name: 'chain',
    world: { n: 0 },
    fns: { f: { steps: [{ label: 'inc', src: { file: 'toy/chain.c', fn: 'f', code: 'while (++n < 5000);' }, run: (c) => void (++c.w.n < 5000 && c.goto('inc')) }] } },
    threads: [{ name: 'T0', fn: 'f', args: {} }],
  };
  t.is(explore(buildModel(chain), { progress: null, engine: 'object' }).stats.states, 5001);
  t.deepEqual(key(explore(buildModel(chain), { progress: null, engine: 'object', maxMemory: 1 })), cut('max-memory', 1, 4096, 4095, 4095));
});
