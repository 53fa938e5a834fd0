/**
 * A packed search that outgrows its first tables (parent and action per
 * state: 4096 entries; the queue: 1024 states) keeps every parent and every
 * queued state: six racy incrementers, whose lost update bfs meets only at
 * the 13490th state, give the object search's shortest schedule and counts
 * (the exact set's own growth is in visited-set.test.ts).
 */
import test from 'ava';
import { buildModel, explore, type Result } from '../../checker/index.ts';
import { counterSpec } from '../toys/counter.ts';

const key = (r: Result) =>
  `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} ${r.schedule}` : ''} states=${r.stats.states} transitions=${r.stats.transitions} depth=${r.stats.depth}`;

// The object search gives exactly this (checked once; it takes seconds, the packed search a fraction).
const OBJECT_BFS = 'violation no-lost-update 001122334545 states=13490 transitions=46436 depth=12';

test("six racy incrementers, bfs: the object search's counterexample", (t) => {
  t.is(key(explore(buildModel(counterSpec(6, false)), { progress: null })), OBJECT_BFS);
});
