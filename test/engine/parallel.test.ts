/**
 * The parallel search (checker/packed/parallel.ts) against the one-thread
 * search: the same distinct states, transitions, depth and verdict on catalog
 * pairs, plain and symmetric, on two and three workers; a violation's trace
 * as short as the one-thread search's, and replayable; every bound reported as
 * such; and what must agree between workers (codes, dead-local facts) handed
 * over and merged.
 */
import test from 'ava';
import { explore, WIDEN_AFTER, type ExploreOptions } from '../../checker/explore.ts';
import { Interner, CodeGrowth } from '../../checker/packed/codec.ts';
import { mergeKnowledge, type Knowledge } from '../../checker/packed/parallel-shared.ts';
import { exportFacts, importFacts } from '../../checker/packed/liveness.ts';
import { catalogModel, catalogSource, type CatalogPair } from '../../scenarios/source.ts';
import type { Result } from '../../checker/result.ts';
import { replay } from '../../checker/replay.ts';

const pc = (threads: number, pages: number, driver: boolean, protocol = 'v4.8-atomic'): CatalogPair => ({ scenario: 'parallel-compaction', protocol, params: { threads, pages, driver } });
const both = (pair: CatalogPair, opts: ExploreOptions, workers = 2): [Result, Result] => {
  const one = explore(catalogModel(pair), { progress: null, ...opts });
  const many = explore(catalogModel(pair), { progress: null, widenAfter: 0, ...opts, workers, source: catalogSource(pair) });
  return [one, many];
};
const counts = (r: Result) => [r.verdict, r.stats.states, r.stats.transitions, r.stats.depth];

test('two workers: the same states, transitions and depth as one thread, (2 threads, 1 page, driver)', (t) => {
  const [one, many] = both(pc(2, 1, true), {});
  t.deepEqual(counts(one), ['pass', 13573, 36236, 84]);
  t.deepEqual(counts(many), counts(one));
  t.is(many.stats.fingerprint?.workers, 2);
  // The warm-up's knowledge (and the small integers coded before it) leave the workers nothing new to meet.
  t.is(many.stats.fingerprint?.restarts, 0);
});

test('three workers, with symmetry: the same classes as one thread, (3 threads, 1 page, driver)', (t) => {
  const [one, many] = both(pc(3, 1, true), { symmetry: true }, 3);
  t.deepEqual(counts(one), ['pass', 47972, 171706, 122]);
  t.deepEqual(counts(many), counts(one));
  t.is(many.stats.fingerprint?.symmetricThreads, 3);
});

test('exact (whole vectors stored): the same states as one thread', (t) => {
  const [one, many] = both(pc(2, 1, false), { exact: true });
  t.deepEqual(counts(many), counts(one));
  t.is(many.stats.fingerprint?.kind, 'exact');
});

test('a violation: the same invariant, a trace as short as one thread finds, that replays', (t) => {
  const pair = { scenario: 'parallel-compaction~no-isolated-check', protocol: 'v4.8~no-isolated-check' };
  const [one, many] = both(pair, {});
  t.is(one.verdict, 'violation');
  t.is(many.verdict, 'violation');
  if (one.verdict !== 'violation' || many.verdict !== 'violation') return;
  t.is(many.invariant, one.invariant);
  t.is(many.trace.length, one.trace.length);
  // The workers' counters are their last (each publishes them as it stops): the violating state's depth included.
  t.is(many.stats.depth, one.stats.depth);
  // The fault the violation records is met first in a worker: the workers start again knowing it.
  t.true((many.stats.fingerprint?.restarts ?? 0) >= 1);
  const again = replay(catalogModel(pair), many.schedule);
  t.is(again.violation?.invariant, many.invariant);
});

test('a symmetric violation: the message of the real trace', (t) => {
  const pair = { scenario: 'parallel-compaction~no-isolated-check', protocol: 'v4.10~no-isolated-check', params: { threads: 3, pages: 1, driver: false } };
  const [one, many] = both(pair, { symmetry: true });
  t.is(many.verdict, one.verdict);
  if (one.verdict !== 'violation' || many.verdict !== 'violation') return;
  t.is(many.invariant, one.invariant);
  t.is(many.trace.length, one.trace.length);
});

test('bounds: max-states, max-depth and time-limit end the search as incomplete', (t) => {
  const pair = pc(2, 1, true);
  const [, ms] = both(pair, { maxStates: 5000 });
  t.like(ms, { verdict: 'incomplete', bound: 'max-states', limit: 5000 });
  t.is(ms.stats.states, 5000);
  const [one, md] = both(pair, { maxDepth: 20 });
  t.like(md, { verdict: 'incomplete', bound: 'max-depth', limit: 20 });
  t.is(md.stats.states, one.stats.states);
  const [, tl] = both(pc(3, 2, true), { timeLimit: 0.5 });
  t.like(tl, { verdict: 'incomplete', bound: 'time-limit', limit: 0.5 });
  t.true(tl.stats.seconds < 5);
});

test('by default a search that ends within WIDEN_AFTER states runs in the calling thread: no workers start', (t) => {
  const pair = pc(2, 1, true);
  const one = explore(catalogModel(pair), { progress: null });
  const r = explore(catalogModel(pair), { progress: null, workers: 2, source: catalogSource(pair) });
  t.true(one.stats.states < WIDEN_AFTER);
  t.deepEqual(counts(r), counts(one));
  t.is(r.stats.fingerprint?.workers, undefined);
});

test('widenAfter 5,000: past 5,000 states in the calling thread the workers start afresh, and find what one thread finds', (t) => {
  const [one, many] = both(pc(2, 1, true), { widenAfter: 5000 });
  t.deepEqual(counts(many), counts(one));
  t.is(many.stats.fingerprint?.workers, 2);
  // A bound below it is the calling thread's: 3,000 states, no workers.
  const [, small] = both(pc(2, 1, true), { widenAfter: 5000, maxStates: 3000 });
  t.like(small, { verdict: 'incomplete', bound: 'max-states', limit: 3000 });
  t.is(small.stats.states, 3000);
  t.is(small.stats.fingerprint?.workers, undefined);
});

test('partial-order reduction on workers: the verdict of one thread, states expanded through one thread counted, at most the unreduced states', (t) => {
  // The states kept may differ from one thread's a little (the cycle proviso depends on what was visited first).
  for (const [pair, sym] of [[pc(2, 1, true), false], [pc(3, 1, true), true]] as const) {
    const [one, many] = both(pair, { por: true, symmetry: sym });
    const [full] = both(pair, { symmetry: sym }, 1);
    t.is(many.verdict, 'pass');
    t.is(one.verdict, 'pass');
    t.true((many.stats.fingerprint?.porReduced ?? 0) > 0);
    t.true(many.stats.states <= full.stats.states, `${many.stats.states} > ${full.stats.states}`);
    t.true(many.stats.states < full.stats.states);
  }
});

test('a violation on workers with partial-order reduction: searched again without it, as short as one thread finds', (t) => {
  const pair = { scenario: 'parallel-compaction~no-isolated-check', protocol: 'v4.8~no-isolated-check' };
  const [one, many] = both(pair, { por: true });
  if (one.verdict !== 'violation' || many.verdict !== 'violation') return t.fail(`${one.verdict} ${many.verdict}`);
  t.is(many.invariant, one.invariant);
  t.is(many.trace.length, one.trace.length);
  t.truthy(many.stats.fingerprint?.porFirst);
  t.is(many.stats.fingerprint?.workers, 2);
  t.is(replay(catalogModel(pair), many.schedule).violation?.invariant, many.invariant);
});

test('partial-order reduction on workers, catalog pairs of every kind of check: the verdict and shortest length of one thread', (t) => {
  // One pair a kind (as the gate checks them: with the invariants their expectations name): an end check, a step
  // invariant, a state invariant, a hang, a kernel assertion, a pass.
  const pairs = [
    { scenario: 'migration-preserves-data~no-copy', protocol: 'v3' },
    { scenario: 'r2-release-isolated-page', protocol: 'v3-r2' },
    { scenario: 'r9-new-page-owner-lock~no-precheck', protocol: 'v3~no-precheck' },
    { scenario: 'r2-lost-wakeup', protocol: 'v4.10', only: ['no-hang'] },
    { scenario: 'r3-driver-uses-reclaim', protocol: 'v4.8', only: ['kernel-warn-on'] },
    { scenario: 'migration-preserves-data', protocol: 'v3' },
  ];
  const kinds: string[] = [];
  for (const pair of pairs) {
    const [one, many] = both(pair, { por: true });
    const key = (r: Result) => (r.verdict === 'violation' ? `${r.kind} ${r.invariant} ${r.trace.length}` : r.verdict);
    t.is(key(many), key(one), `${pair.scenario} under ${pair.protocol}`);
    kinds.push(one.verdict === 'violation' ? one.kind : one.verdict);
  }
  t.deepEqual(kinds, ['end', 'step', 'state', 'hang', 'assert', 'pass']);
});

test('workers need a source and bfs', (t) => {
  const m = catalogModel(pc(2, 1, false));
  t.throws(() => explore(m, { progress: null, workers: 2 }), { message: /need a source/ });
  t.throws(() => explore(m, { progress: null, workers: 2, source: catalogSource(pc(2, 1, false)), strategy: 'dfs' }), { message: /bfs/ });
});

test('an interner seeded with another one gives the same codes, and past its limit says so after assigning', (t) => {
  const a = new Interner();
  for (const v of [5, 'x', null, -3, 1000, true]) a.code(v);
  const b = new Interner();
  b.seed(a.vals);
  t.deepEqual(b.vals, a.vals);
  for (const v of [5, 'x', null, -3, 1000, true]) t.is(b.code(v), a.code(v));
  b.limit = b.vals.length;
  t.is(b.code('x'), a.code('x'));
  const e = t.throws(() => b.code('new'));
  t.true(CodeGrowth.is(e));
  t.is(b.vals.at(-1), 'new');
});

test('knowledge merges: the wider layout, values met after in order, facts of both', (t) => {
  const k = (names: [string, string[]][], stackWords: number, intern: unknown[], faults: unknown[]): Knowledge => ({
    hints: { names: new Map(names), stackWords },
    intern: [undefined, ...intern],
    faults: [undefined, ...faults],
    names: [undefined],
    facts: {},
  });
  const a = k([['f', ['p', 'q']]], 24, [1, 2], [{ inv: 'x', msg: 'm', thread: 0 }]);
  const b = k([['f', ['q', 'r']], ['g', ['s']]], 30, [1, 2, -12, 'E'], [{ inv: 'x', msg: 'm', thread: 0 }, { inv: 'y', msg: 'n', thread: 1 }]);
  const m = mergeKnowledge(a, b);
  t.deepEqual([...m.hints.names], [['f', ['p', 'q', 'r']], ['g', ['s']]]);
  t.is(m.hints.stackWords, 30);
  t.deepEqual(m.intern, [undefined, 1, 2, -12, 'E']);
  t.deepEqual(m.faults, [undefined, { inv: 'x', msg: 'm', thread: 0 }, { inv: 'y', msg: 'n', thread: 1 }]);
});

test('dead-local facts cross by name: exported from one build, imported into another of the same functions', (t) => {
  const first = catalogModel(pc(2, 1, false)) as unknown as { spec: { fns: Record<string, object> } };
  // A search teaches the first build's functions what their steps read.
  explore(first as never, { progress: null });
  const facts = exportFacts(first.spec.fns);
  t.true(Object.keys(facts).length > 0);
  const f = Object.values(facts)[0] as (typeof facts)[string];
  const fresh = { f: { steps: new Array(f.reads.length).fill({}) } };
  importFacts(fresh, { f });
  t.deepEqual(exportFacts(fresh).f, { names: f.names, reads: f.reads, jumps: f.jumps });
});

test('symmetric, checking one invariant without no-hang: a stuck unfinished state is a leaf, not an end, for the workers too', (t) => {
  // The orbit check used to take such a leaf, received by a worker, for a final state and run the end checks on it.
  const pair = { scenario: 'parallel-compaction~no-isolated-check', protocol: 'v4.10~no-isolated-check', only: ['refcount-balanced'] };
  const [one, many] = both(pair, { symmetry: true, checkHang: false });
  t.deepEqual(counts(many), counts(one));
});
