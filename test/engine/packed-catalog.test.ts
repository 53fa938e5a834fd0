/**
 * Every catalog pair, every invariant on its own: the packed search (hashed
 * and exact) gives the object search's verdict, invariant, schedule, distinct
 * states and transitions when it keeps dead locals as the object search does,
 * and the same verdict and counterexample length when it resets them. The
 * object search keys states by canonical strings and shares nothing with the
 * packed one but the model's steps.
 */
import test from 'ava';

/** Lets ava report the tests before (synchronous tests of one file would otherwise report only at the end). */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
import { explore, type Result } from '../../checker/index.ts';
import { catalog } from '../../scenarios/index.ts';
import { protocolById } from '../../model/versions/index.ts';
import { invariantCatalog } from '../../model/invariants.ts';

const key = (r: Result) =>
  `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} ${r.schedule}` : ''} states=${r.stats.states} transitions=${r.stats.transitions}`;
const verdict = (r: Result) => `${r.verdict}${r.verdict === 'violation' ? ` ${r.invariant} in ${r.trace.length} steps` : ''}`;

const pairs = catalog.flatMap((s) => s.protocols.map((v) => ({ s, p: protocolById(v)! })));

for (const { s, p } of pairs) {
  test(`${s.id} under ${p.id}: packed and object searches agree`, async (t) => {
    await tick();
    const obj = key(explore(s.build(p), { progress: null, engine: 'object' }));
    const off = { progress: null, deadLocals: false } as const;
    t.is(key(explore(s.build(p), off)), obj, 'bfs, hashed');
    t.is(key(explore(s.build(p), { ...off, exact: true })), obj, 'bfs, exact');
    const dfs = key(explore(s.build(p), { ...off, strategy: 'dfs', exact: true }));
    t.is(key(explore(s.build(p), { ...off, strategy: 'dfs' })), dfs, 'dfs, hashed against exact');
    const reset = explore(s.build(p), { progress: null });
    t.is(verdict(reset), verdict(explore(s.build(p), off)), 'dead locals reset: same verdict and counterexample length');
  });
}

for (const { s, p } of pairs) {
  test(`${s.id} under ${p.id}, each invariant on its own (--only): hashed and exact packed searches agree`, async (t) => {
    await tick();
    for (const { id } of invariantCatalog(p.layout)) {
      const only = new Set([id]);
      const exact = key(explore(s.build(p, { only }), { progress: null, exact: true, maxStates: 20000 }));
      t.is(key(explore(s.build(p, { only }), { progress: null, maxStates: 20000 })), exact, `--only ${id}`);
    }
  });
}
